import ArgumentParser
import ClunealAnatomy

/// Parsing of option values at parse time (`@Option(transform:)`): each value is read once,
/// into its type, and `run()` never parses text again. A failure is an ``ArgumentProblem``,
/// which ArgumentParser reports as "The value 'X' is invalid for '--flag <name>': why" (64).
enum ArgumentTransforms {
    /// Why an option's value is unreadable.
    struct ArgumentProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// "7cm", "70mm", "1.72m" or a bare number of centimetres.
    @Sendable static func length(_ text: String) throws -> Length {
        do { return try Length.parse(text) } catch { throw ArgumentProblem(description: error.description) }
    }

    /// A palpation error per axis (one SD): a length within ``PalpationUncertainty/range``.
    @Sendable static func palpationError(_ text: String) throws -> PalpationUncertainty {
        let l = try length(text)
        guard let error = PalpationUncertainty(millimetres: l.millimetres) else {
            throw ArgumentProblem(description: "\(Echo.cut(text)) is outside 0–\(Int(PalpationUncertainty.range.upperBound)) mm")
        }
        return error
    }

    /// A comma-separated list of `T`'s raw values (spaces and case ignored, repeats dropped).
    static func list<T: RawRepresentable & CaseIterable & Equatable>(_ text: String, of type: T.Type, what: String) throws -> [T] where T.RawValue == String {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = T.allCases.map(\.rawValue).joined(separator: ", ")
        if names.allSatisfy(\.isEmpty) { throw ArgumentProblem(description: "give at least one \(what) (known: \(known))") }
        var values: [T] = []
        for name in names where !name.isEmpty {
            guard let value = T(rawValue: name) else { throw ArgumentProblem(description: "unknown \(what) \"\(Echo.cut(name))\" (known: \(known))") }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// `ID:SIDE:LATERAL:VERTICAL`, e.g. `greater-trochanter:left:16cm:-8cm`.
    @Sendable static func landmark(_ spec: String) throws -> PalpatedLandmark {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else {
            throw ArgumentProblem(description: "\"\(Echo.cut(spec))\" is not ID:SIDE:LATERAL:VERTICAL (for example psis:left:4.2cm:0)")
        }
        let side: Side?
        switch parts[1] {
        case "left": side = .left
        case "right": side = .right
        case "", "midline": side = nil
        default: throw ArgumentProblem(description: "side \"\(Echo.cut(parts[1]))\" must be left, right or midline")
        }
        do {
            return PalpatedLandmark(id: parts[0], side: side, lateral: try Length.parse(parts[2].isEmpty ? "0" : parts[2]), vertical: try Length.parse(parts[3]))
        } catch {
            throw ArgumentProblem(description: error.description)
        }
    }
}
