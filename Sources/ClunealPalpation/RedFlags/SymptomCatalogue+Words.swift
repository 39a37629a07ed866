import ClunealAnatomy

/// Symptoms in the words people type: the one rule that turns a word into a catalogue entry.
extension SymptomCatalogue {
    /// At most this many nearest ids are suggested for a word that matches nothing.
    public static let suggestionCount = 3

    /// The symptom a word names, tried in this order, after trimming, lower-casing and reading
    /// `_` and spaces as `-`:
    /// 1. an id (`saddle-numbness`) or a synonym listed in the catalogue (`urinary retention`);
    /// 2. a word or prefix of one: every symptom with an id word, id or synonym (or a word of
    ///    a synonym) that starts with it (`bladder`, `saddle`, `steroid`). One symptom is the
    ///    answer; several make the word ambiguous and are listed.
    /// Anything else is unknown, with the nearest ids by edit distance as suggestions.
    public func resolve(_ name: String, field: String = "symptom") throws(PalpationError) -> Symptom {
        let key = Self.normalised(name)
        if let s = symptom(key) { return s }
        if let s = symptoms.first(where: { ($0.synonyms ?? []).contains { Self.normalised($0) == key } }) { return s }
        guard !key.isEmpty else { throw .unknownSymptom(field: field, name: name, known: []) }
        let matches = symptoms.filter { s in Self.words(of: s).contains { $0.hasPrefix(key) } }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw .ambiguousSymptom(field: field, name: name, candidates: matches.map(\.id)) }
        throw .unknownSymptom(field: field, name: name, known: nearest(to: key))
    }

    /// The ids closest to `key` by edit distance (against ids, synonyms and their words), at
    /// most ``suggestionCount``, nearest first; ties in catalogue order.
    func nearest(to key: String) -> [String] {
        let scored = symptoms.map { s in
            (id: s.id, distance: Self.words(of: s).map { Spelling.editDistance(key, $0) }.min() ?? Int.max)
        }
        let limit = Spelling.editLimit(forLength: key.count)
        let close = scored.filter { $0.distance <= limit }
        let pool = close.isEmpty ? scored : close
        return pool.enumerated().sorted { ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset) }
            .prefix(Self.suggestionCount).map(\.element.id)
    }

    /// The id, each word of it, each synonym and each word of a synonym, normalised.
    static func words(of s: Symptom) -> [String] {
        var out = [s.id] + s.id.split(separator: "-").map(String.init)
        for synonym in s.synonyms ?? [] {
            let n = normalised(synonym)
            out.append(n)
            out += n.split(separator: "-").map(String.init)
        }
        return out
    }
}
