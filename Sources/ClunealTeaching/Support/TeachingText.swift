import BodyGeometry
import ClunealAnatomy

/// Small pure helpers that turn model values into the words trainees read.
public enum TeachingText {
    /// "superior cluneal nerves", or "none of the cluneal nerves".
    public static func nerveName(_ nerve: NerveGroup?) -> String {
        guard let nerve else { return "none of the cluneal nerves" }
        return "\(nerve.rawValue) cluneal nerves"
    }

    /// A length for people in `unit`, always positive: "7.2 cm".
    public static func length(_ millimetres: Double, _ unit: LengthUnit) -> String {
        unit.format(abs(millimetres))
    }

    /// "above" or "below", for a height relative to something (cranial positive).
    public static func aboveOrBelow(_ millimetres: Double) -> String {
        millimetres < 0 ? "below" : "above"
    }

    /// A body-frame point in words: "on the patient's left, 7.2 cm from the midline and 5.1 cm
    /// above the PSIS level".
    /// Without the side (`withSide: false`): "7.2 cm from the midline, 5.1 cm above the PSIS level".
    public static func position(_ p: Point, unit: LengthUnit, withSide: Bool = true) -> String {
        var parts: [String] = []
        if abs(p.x) < 0.5 {
            parts.append("on the midline")
        } else if withSide {
            parts.append("on the patient's \(p.x > 0 ? "left" : "right"), \(length(p.x, unit)) from the midline")
        } else {
            parts.append("\(length(p.x, unit)) from the midline")
        }
        if abs(p.z) < 0.5 {
            parts.append("at the PSIS level")
        } else {
            parts.append("\(length(p.z, unit)) \(aboveOrBelow(p.z)) the PSIS level")
        }
        return parts.joined(separator: " and ")
    }

    /// Words wrapped to `width` columns, each line prefixed by `indent` (the first line by
    /// `firstIndent` when given). Words longer than a line are kept whole.
    public static func wrap(_ text: String, width: Int = 88, indent: String = "", firstIndent: String? = nil) -> String {
        var lines: [String] = []
        var line = firstIndent ?? indent
        var lineHasWord = false
        for word in keepingUnitsWithNumbers(text.split(whereSeparator: { $0 == " " || $0 == "\n" })) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// Words with a unit ("cm", "mm", "mL", "SD", "%"...) joined to the number before them, so
    /// that a line never ends in "7.2" and starts with "cm".
    static func keepingUnitsWithNumbers(_ words: [Substring]) -> [String] {
        let units: Set<String> = ["mm", "cm", "m", "mL", "SD", "%", "h", "kg"]
        var out: [String] = []
        for word in words {
            let core = String(word.prefix { $0.isLetter || $0 == "%" })
            if units.contains(core), let last = out.last, last.last?.isNumber == true {
                out[out.count - 1] = last + " " + word
            } else {
                out.append(String(word))
            }
        }
        return out
    }

    /// Ids in first-seen order without repeats.
    public static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// A short label for a source, "Konno 2017", from the first word of its citation and
    /// its first year; the id when the citation does not start with a name.
    public static func sourceLabel(_ id: String, in atlas: Atlas) -> String {
        guard let citation = atlas.source(id)?.citation,
              let first = citation.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).first,
              first.first?.isUppercase == true, first.allSatisfy({ $0.isLetter || $0 == "-" }),
              !["Untitled", "The"].contains(String(first)) else { return id }
        let words = citation.split(whereSeparator: { !$0.isNumber })
        let year = words.first { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }
        return year.map { "\(first) \($0)" } ?? String(first)
    }
}
