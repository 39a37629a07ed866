import BodyGeometry
import ClunealAnatomy
import ClunealPalpation
import ClunealRender

/// One chart of a whole exam: the map of both sides with every tender point numbered by its
/// label (coloured by its finding's nerve group, each with its zone's ±1 SD outline), a header
/// (patient, date, examiner, measurements, scaling, red-flag status), a table of the points and
/// their findings with each block's relief against the sourced thresholds, and the notice.
/// Urgent red flags put the referral banner first and draw no block sites.
public enum ExamChartComposer {
    /// Header and table text size, millimetres.
    static let textMm = 3.0
    static let lineMm = 4.2

    /// `printScale` below 1 is for a chart fitted onto a smaller sheet: text grows as the map's labels do.
    public static func compose(exam: Exam, findings: [ExamFinding], screening: RedFlagScreening, model: BodyModel,
                               theme: MapTheme = .standard, printScale: Double = 1) -> Scene {
        var options = MapOptions(sides: Side.allCases, zones: .defaults, theme: theme)
        options.printScale = printScale
        let k = options.labelScale
        let textMm = Self.textMm * k, lineMm = Self.lineMm * k
        options.layers.remove(.ultrasound)
        options.title = "Cluneal exam chart: \(findings.count) tender point\(findings.count == 1 ? "" : "s"), posterior view"
        if let referral = screening.referralMessage {
            options.banner = "RED FLAGS: urgent medical assessment comes first. " + referral
            options.layers.remove(.injection)
        } else if let caution = screening.cautionMessage {
            options.banner = caution
        }
        let header = headerLines(exam: exam, screening: screening, model: model, fullScaling: false)
        // Table rows wrap to the page width (known before the extra room is added: it only grows the height).
        let probe = MapComposer(model: model, options: options)
        let width = probe.viewport.max.x - probe.viewport.min.x + probe.margins.right - 6 * k
        let table = tableRows(findings).flatMap { MapComposer.wrap([$0], fontSizeMm: textMm, widthMm: width, maxLines: 4) }
        options.extraTopMillimetres = Double(header.count) * lineMm + 7 * k
        options.extraBottomMillimetres = Double(table.count + 2) * lineMm + 6 * k
        let composer = MapComposer(model: model, options: options)
        var scene = composer.compose()
        scene.metadata["patient"] = exam.patient.id
        scene.metadata["date"] = exam.date
        let top = composer.margins.top - options.extraTopMillimetres
        for (i, line) in header.enumerated() {
            scene.add(.text("exam-header-\(i + 1)", TextLabel(line, at: .page(PagePoint(composer.margins.left, top + Double(i) * lineMm)),
                                                             fontSizeMm: textMm, color: theme.text, weight: i == 0 ? .bold : .regular, halo: nil,
                                                             alignment: TextAlignment(.start, .top))),
                      to: .title, title: "Title")
        }
        for f in findings { addPoint(f, composer: composer, scale: k, to: &scene) }
        let r = scene.layout.viewportRect
        let y0 = r.maxY + 16 * k
        scene.add(.text("exam-table-title", TextLabel("Tender points and findings", at: .page(PagePoint(r.minX, y0)), fontSizeMm: textMm + 0.4,
                                                     color: theme.text, weight: .bold, halo: nil, alignment: TextAlignment(.start, .top))),
                  to: .notice, title: "Table")
        for (i, row) in table.enumerated() {
            scene.add(.text("exam-table-\(i + 1)", TextLabel(row, at: .page(PagePoint(r.minX, y0 + Double(i + 1) * lineMm + 1)), fontSizeMm: textMm,
                                                            color: theme.text, halo: nil, alignment: TextAlignment(.start, .top))),
                      to: .notice, title: "Table")
        }
        scene.labelObstacles.append(PageRect(x: 0, y: y0 - 2, width: scene.pageSize.width, height: Double(table.count + 2) * lineMm + 4))
        return scene
    }

    /// Patient, date and examiner; measurements and scaling; red-flag status.
    public static func headerLines(exam: Exam, screening: RedFlagScreening, model: BodyModel, fullScaling: Bool = true) -> [String] {
        let p = exam.patient
        var who = "Patient \(p.id), \(p.sex.rawValue)"
        if let age = p.age { who += ", \(age) y" }
        who += " · exam \(exam.date)"
        if let examiner = exam.document.examiner { who += " · examiner \(examiner)" }
        let m = exam.measurements
        var measured: [String] = []
        if let h = m.stature { measured.append("height \(LengthUnit.centimetres.format(h.millimetres))") }
        if let v = m.psisFromMidline { measured.append("PSIS \(LengthUnit.centimetres.format(v.millimetres)) from the midline") }
        if let v = m.crestSummitAbovePSIS { measured.append("crest summit \(LengthUnit.centimetres.format(v.millimetres)) above the PSIS") }
        if let v = m.bicristalWidth { measured.append("bicristal width \(LengthUnit.centimetres.format(v.millimetres))") }
        if !m.palpated.isEmpty { measured.append("\(m.palpated.count) palpated landmark\(m.palpated.count == 1 ? "" : "s")") }
        return [who,
                "Measurements: \(measured.isEmpty ? "none (reference adult)" : measured.joined(separator: ", ")) · scaling: \(fullScaling ? model.scaling.summary : model.scaling.method.rawValue + " (details above)")",
                "Red flags: \(screening.statusWords)"]
    }

    /// One line per point: label, side and position, pain, the finding in words, the block's relief.
    static func tableRows(_ findings: [ExamFinding]) -> [String] {
        findings.map { ef in
            let f = ef.finding, t = f.tenderPoint
            func cm(_ mm: Double) -> String { LengthUnit.fixed(mm / 10, 1) }
            var row = "\(ef.point.label). \(t.side.rawValue), \(cm(t.lateralMillimetres)) cm from midline, \(t.verticalMillimetres >= 0 ? "+" : "−")\(cm(abs(t.verticalMillimetres))) cm"
            if let pain = ef.point.pain { row += ", pain \(LengthUnit.fixed(pain, 0))/10" }
            row += " — " + findingWords(f)
            if let relief = ef.point.relief, let block = ef.point.block { row += " · block \(block.agent) \(LengthUnit.fixed(block.volume, 1)) mL: \(relief.words)" }
            return row
        } + ["Relief = (pain before − after) / before. Positive block ≥ \(Int(BlockRelief.positivePercent)) % (Kuniya 2014); strict ≥ \(Int(BlockRelief.strictPercent)) % at 1 h (Kiral 2024). Heights are from the PSIS level."]
    }

    /// "superior cluneal nerves (typical)", "likelier SI joint (Fortin); else middle cluneal nerves".
    static func findingWords(_ f: Finding) -> String {
        let nerve = f.bestMatch.map { b in (f.group?.name ?? "\(b.nerve.rawValue) cluneal nerve \(b.branch)") + (b.withinOneSD ? " (typical)" : " (less typical)") }
        if let lead = f.likelierLookAlike {
            let name = lead.lookAlike.entry.names.short ?? lead.lookAlike.entry.names.en
            return "likelier \(name)" + (nerve.map { "; else \($0)" } ?? "")
        }
        return nerve ?? "not typical of cluneal entrapment"
    }

    /// The numbered point, its zone's ±1 SD outline in the group's colour, and the line to the zone centre.
    static func addPoint(_ ef: ExamFinding, composer: MapComposer, scale k: Double, to scene: inout Scene) {
        let theme = composer.options.theme
        let f = ef.finding, p = f.tenderPoint.point
        let id = "tender-point-\(ef.point.label)"
        let target = f.bestMatch
        let color = target.map { theme.color($0.nerve) } ?? theme.mutedText
        if let c = target {
            scene.add(.path(id + "-zone", ScenePath([Subpath(body: c.zone.outline(standardDeviations: 1, error: f.palpationError), closed: true)]),
                            style: .stroke(color, widthMm: 0.7, dash: DashPattern([2, 1])), title: "Point \(ef.point.label): \(c.zoneId), mean ± 1 SD"),
                      to: .tenderPoint, title: "Tender points")
            scene.add(.path(id + "-to-zone", ScenePath([Subpath(body: [p, c.zone.centre], closed: false)]),
                            style: .stroke(theme.text, widthMm: 0.35, dash: DashPattern([1.2, 0.8])), title: "Point \(ef.point.label) to its zone centre"),
                      to: .tenderPoint, title: "Tender points")
        }
        var meta = ["kind": "tender-point", "label": ef.point.label, "laterality": f.tenderPoint.side.rawValue]
        meta["zone"] = target?.zoneId ?? "none"
        meta["nerve"] = target?.nerve.rawValue ?? "none"
        if let lead = f.likelierLookAlike { meta["look-alike"] = lead.id }
        scene.add(.ellipse(id, .circle(centre: .body(p), radiusMm: 3.4 * k),
                           style: Style(fill: theme.background, stroke: StrokeStyle(color: color, widthMm: 0.9)),
                           title: "Point \(ef.point.label): \(findingWords(f))", metadata: meta),
                  to: .tenderPoint, title: "Tender points")
        scene.add(.text(id + "-label", TextLabel(ef.point.label, at: .body(p), fontSizeMm: 3.2 * k, color: theme.text, weight: .bold, halo: nil, alignment: .centred)),
                  to: .tenderPoint, title: "Tender points")
    }
}
