import BodyGeometry
import ClunealAnatomy
import ClunealPalpation

/// A finding as text for people: red flags first, then the point, the answer, the block,
/// look-alikes, every zone ranked, and the notice once at the end.
enum FindingText {
    /// `notice: false` leaves out the closing education notice, for a caller that prints it
    /// once for several findings (the exam chart).
    static func render(_ f: Finding, atlas: Atlas, output: OutputOptions, notice: Bool = true) -> String {
        var out = redFlags(f.screening)
        let p = f.tenderPoint
        out += "Tender point: \(p.side.rawValue) side, \(output.format(p.lateralMillimetres)) from the midline, \(vertical(p.verticalMillimetres, output, "the PSIS level"))\n"
        if let input = p.input, input.frame != .midline { out += "  as measured: \(measured(input, output: output))\n" }
        let ordinary = f.screening.reported.filter { !$0.redFlag }.map(\.id)
        if !ordinary.isEmpty { out += "  symptoms: \(ordinary.joined(separator: ", "))\(f.urgentReferral ? "" : " (no red flags)")\n" }
        out += "  scaling: \(f.scaling.summary)\n"
        for note in f.scaling.notes { out += "  note: \(note)\n" }
        out += "  palpation error: \(f.palpationError.summary), added in quadrature to every zone's spread\n"
        out += "\n" + wrap(f.statement) + "\n"
        if let g = f.group {
            out += "\nNerve group: \(g.name) (branches \(g.branches.joined(separator: ", ")) within \(score(GroupAnswer.tolerance)) SD of each other)\n"
            out += wrap("block target: the group's search window, \(g.window.rangeWords); the most tender spot in it that reproduces the pain is the target.", indent: "  ", hanging: "    ") + "\n"
        }
        if let b = f.bestMatch {
            out += "\nBest match: \(b.nerve.rawValue) cluneal nerve, branch \(b.branch), zone \(b.zoneId)\(b.isDefault ? " (the site's default)" : "")\n"
            out += "  \(output.format(b.distanceMillimetres)) from the zone centre = \(score(b.standardScore)) SD (\(b.withinOneSD ? "within 1 SD" : "within 2 SD"))"
            if let path = b.nearestPathMillimetres { out += "; \(output.format(path)) from the branch's path" }
            out += "\n"
            if let source = atlas.source(b.source) { out += wrap("source: [\(source.id)] \(source.citation)", indent: "  ", hanging: "    ") + "\n" }
        }
        if let block = f.blockSite {
            out += "\n" + blockText(block, output: output, heading: "Diagnostic block")
        } else if f.blockSiteWithheld {
            out += "\nDiagnostic block: not planned. Red flags come first: see the referral message at the top.\n"
        }
        if !f.lookAlikes.isEmpty {
            out += "\nLook-alikes nearby:\n"
            for l in f.lookAlikes {
                let where_ = l.inside ? "inside its \(output.format(l.lookAlike.radius)) radius" : "outside its \(output.format(l.lookAlike.radius)) radius"
                out += wrap("\(l.id) — \(l.lookAlike.entry.names.en): \(output.format(l.distanceMillimetres)) from its centre, \(where_).", indent: "  ", hanging: "    ") + "\n"
                out += wrap(l.lookAlike.entry.description, indent: "    ") + "\n"
            }
        }
        out += "\nEvery zone on the \(p.side.rawValue) side, nearest first (SD = standard score using the zone's own spread and the palpation error):\n"
        var table = TextTable(columns: ["rank", "nerve", "branch", "SD", "centre", "path", "zone"])
        for c in f.candidates {
            var zone = c.zoneId
            if c.isDefault { zone += " [default]" }
            if c.disputed { zone += " [disputed]" }
            if c.slot == f.bestMatch?.slot { zone += " <- best match" }
            table.add([String(c.rank), c.nerve.rawValue, c.branch, score(c.standardScore), output.format(c.distanceMillimetres),
                       c.nearestPathMillimetres.map(output.format) ?? "-", zone])
        }
        out += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        if f.candidates.contains(where: \.disputed) {
            out += "  [disputed]: a published figure kept for the record; it can never be the best match (see `cluneal atlas show` for why).\n"
        }
        if notice { out += "\n\(Notice.text)\n" }
        return out
    }

    /// The red-flag block that must come before anything else (urgent tier), then the
    /// caution tier and whether red flags were screened, or "" when nothing was reported or
    /// recorded.
    static func redFlags(_ s: RedFlagScreening) -> String {
        var out = ""
        if let headline = s.referralMessage {
            out += wrap(headline) + "\n"
            for flag in s.redFlags {
                out += wrap("- \(flag.id) (\(flag.urgency.rawValue)): \(flag.message) [sources: \(flag.sources.joined(separator: ", "))]", indent: "  ", hanging: "    ") + "\n"
            }
        }
        if let caution = s.cautionMessage {
            out += wrap(caution) + "\n"
            for flag in s.cautions {
                out += wrap("- \(flag.id) (caution): \(flag.message) [sources: \(flag.sources.joined(separator: ", "))]", indent: "  ", hanging: "    ") + "\n"
            }
        }
        if s.screened || !s.redFlags.isEmpty || !s.cautions.isEmpty {
            out += "Red flags: \(s.statusWords)\n"
        }
        return out.isEmpty ? "" : out + "\n"
    }

    static func measured(_ input: TenderPointInput, output: OutputOptions) -> String {
        let lateral = input.lateral.millimetres, vertical = input.vertical.millimetres
        switch input.frame {
        case .midline:
            return "\(output.format(lateral)) from the midline, \(Self.vertical(vertical, output, "the PSIS level")) (midline frame)"
        case .psis:
            return "\(fromPSIS(lateral, vertical, side: input.side, output: output)) (psis frame)"
        case .crest:
            return "\(output.format(lateral)) from the midline on the crest line, \(Self.vertical(vertical, output, "the crest")) (crest frame)"
        }
    }

    /// "2.9 cm below the PSIS level", "on the crest".
    static func vertical(_ mm: Double, _ output: OutputOptions, _ reference: String) -> String {
        let text = output.format(abs(mm))
        if text == output.format(0) { return "level with \(reference)" }
        return "\(text) \(mm > 0 ? "above" : "below") \(reference)"
    }

    /// "0.4 cm medial of and 2.9 cm below the right PSIS".
    static func fromPSIS(_ lateral: Double, _ vertical: Double, side: Side, output: OutputOptions) -> String {
        let zero = output.format(0)
        let across = output.format(abs(lateral)) == zero ? "in line with" : "\(output.format(abs(lateral))) \(lateral > 0 ? "lateral" : "medial") of"
        let up = output.format(abs(vertical)) == zero ? "level with" : "\(output.format(abs(vertical))) \(vertical > 0 ? "above" : "below")"
        return "\(across) and \(up) the \(side.rawValue) PSIS"
    }

    static func blockText(_ b: BlockSite, output: OutputOptions, heading: String) -> String {
        var out = "\(heading): \(b.name) [\(b.id)]\n"
        out += "  where: \(b.side.rawValue) side, \(output.format(b.lateralMillimetres)) from the midline, \(vertical(b.verticalMillimetres, output, "the PSIS level"))"
        if let d = b.fromPSIS {
            out += "\n         = \(fromPSIS(d.dx, d.dz, side: b.side, output: output))"
        }
        out += "\n  guidance: \(b.ultrasound == nil ? "landmark" : "landmark or ultrasound"); fidelity: \(b.fidelity.rawValue)\n"
        out += technique(b)
        out += "  sources:\n" + b.sources.map { wrap("[\($0.id)] \($0.citation)", indent: "    ", hanging: "      ") }.joined(separator: "\n") + "\n"
        return out
    }

    /// The landmark technique, the ultrasound technique where one is sourced, volume, agent
    /// and what counts as positive: the one text a block site (or a group's plan) prints.
    static func technique(_ b: BlockSite) -> String {
        var out = wrap("landmark technique: \(b.howToFind)", indent: "  ", hanging: "    ") + "\n"
        if let u = b.ultrasound {
            out += "  ultrasound technique (\(u.provenance.sources.joined(separator: ", "))):\n"
            for (label, text) in [("position", u.position), ("probe", u.probe), ("placement", u.placement), ("target", u.targetPlane),
                                  ("depth", depthWords(u)), ("needle", u.needleApproach)] {
                out += wrap("\(label): \(text)", indent: "    ", hanging: "      ") + "\n"
            }
            if let d = u.provenance.derivation { out += wrap("how it was derived: \(d)", indent: "    ", hanging: "      ") + "\n" }
        } else {
            out += "  ultrasound technique: none described in the sources read; landmark only.\n"
        }
        out += "  volume: \(volume(b.volumeMillilitres))\n"
        out += wrap("agent: \(b.agent)", indent: "  ", hanging: "    ") + "\n"
        out += wrap("positive block: \(b.positiveResponse)", indent: "  ", hanging: "    ") + "\n"
        return out
    }

    static func depthWords(_ u: UltrasoundTechniqueEntry) -> String {
        guard let d = u.depthMillimetres else { return u.depthNote }
        return "\(LengthUnit.fixed(d.min / 10, 1))–\(LengthUnit.fixed(d.max / 10, 1)) cm; \(u.depthNote)"
    }

    static func volume(_ v: VolumeRange) -> String {
        v.min == v.max ? "\(LengthUnit.fixed(v.min, 1)) mL" : "\(LengthUnit.fixed(v.min, 1))–\(LengthUnit.fixed(v.max, 1)) mL"
    }

    static func score(_ v: Double) -> String { v.isFinite ? LengthUnit.fixed(v, 2) : "-" }

    /// Words wrapped at 100 columns, first line after `indent`, the rest after `hanging`.
    static func wrap(_ text: String, indent: String = "", hanging: String? = nil, width: Int = 100) -> String {
        let rest = hanging ?? indent
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
