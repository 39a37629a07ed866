import ClunealAnatomy

/// A short note on one tender point for pasting into a clinical record: at most
/// ``lineLimit`` lines in plain clinical words (which nerve group, how typical in words, where
/// to block, what to rule out), no standard scores or zone ids.
public enum BriefNote {
    public static let lineLimit = 8

    /// "typical position", "plausible position", "not a typical position".
    public static func typicality(_ c: Candidate?) -> String {
        guard let c else { return "not a typical position for cluneal entrapment" }
        return c.withinOneSD ? "a typical position" : "a plausible but less typical position"
    }

    /// The note's lines for `finding`; `label`, `pain` and `relief` come from an exam when there is one.
    public static func lines(_ f: Finding, label: String? = nil, pain: Double? = nil, block: ExamDocument.BlockEntry? = nil) -> [String] {
        func cm(_ mm: Double) -> String { "\(LengthUnit.fixed(abs(mm) / 10, 1)) cm" }
        let p = f.tenderPoint
        var lines: [String] = []
        if f.urgentReferral {
            lines.append("URGENT: possible cauda equina (\(f.screening.redFlags.map(\.id).joined(separator: ", "))): same-day emergency assessment and MRI; no block.")
        }
        let height = p.verticalMillimetres >= 0 ? "\(cm(p.verticalMillimetres)) above" : "\(cm(p.verticalMillimetres)) below"
        var head = "\(label.map { "Point \($0)" } ?? "Tender point"): \(p.side.rawValue), \(cm(p.lateralMillimetres)) from the midline, \(height) the PSIS level"
        if let pain { head += ", pain \(LengthUnit.fixed(pain, 0))/10" }
        lines.append(head + ".")
        let nerve: String? = f.bestMatch.map { b in f.group.map { "\($0.name) (\($0.window.placeWords))" } ?? "\(b.nerve.rawValue) cluneal nerve, \(b.zone.site.names.en.lowercasedFirst)" }
        if let lead = f.likelierLookAlike {
            lines.append("Most likely: \(lead.lookAlike.entry.names.en.lowercasedFirst) (the point lies in its area).")
            if let nerve { lines.append("Less likely: \(nerve), \(typicality(f.bestMatch)).") }
        } else if let nerve {
            lines.append("Fits the \(nerve): \(typicality(f.bestMatch)).")
        } else {
            lines.append("Not a typical position for cluneal nerve entrapment; look for another cause.")
        }
        if let b = f.blockSite {
            let window = f.group?.window.rangeWords ?? "\(cm(b.lateralMillimetres)) from the midline, \(b.verticalMillimetres >= 0 ? "\(cm(b.verticalMillimetres)) above" : "\(cm(b.verticalMillimetres)) below") the PSIS level"
            lines.append("Diagnostic block (\(b.ultrasound == nil ? "landmark" : "landmark or ultrasound")): at the most tender spot, \(window).")
        } else if f.blockSiteWithheld {
            lines.append("Diagnostic block: not planned until the urgent referral is done.")
        }
        if let block {
            let relief = BlockRelief(painBefore: block.painBefore, painAfter: block.painAfter, minutes: block.minutes)
            lines.append("Block given: \(block.agent), \(LengthUnit.fixed(block.volume, 1)) mL; pain \(LengthUnit.fixed(block.painBefore, 0)) to \(LengthUnit.fixed(block.painAfter, 0))/10, \(relief.words).")
        }
        let others = f.lookAlikes.filter { $0.inside && $0.id != f.likelierLookAlike?.id }.map { $0.lookAlike.entry.names.en.lowercasedFirst }
        if !others.isEmpty { lines.append("Also consider: \(others.joined(separator: "; ")).") }
        var flags = "Red flags: \(f.screening.statusWords)"
        if !f.screening.cautions.isEmpty {
            flags += "; rule out first " + f.screening.cautionItems.map(\.ruleOut).joined(separator: "; ")
        }
        lines.append(flags + ".")
        // At most 8 lines: urgent, point, likeliest, less likely, block, block given, also consider, red flags.
        return lines
    }
}
