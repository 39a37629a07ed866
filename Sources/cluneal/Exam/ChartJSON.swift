import ClunealAnatomy
import ClunealPalpation

/// `chart --json`: the exam's patient, date and red-flag status, and for each point its label,
/// pain, block relief and the finding as `locate --json` prints it.
enum ChartJSON {
    static func write(exam: Exam, findings: [ExamFinding], screening: RedFlagScreening, atlas: Atlas, catalogue: SymptomCatalogue?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("patient")
        w.beginObject()
        w.field("id", exam.patient.id)
        w.field("sex", exam.patient.sex.rawValue)
        if let age = exam.patient.age { w.field("age", age) }
        w.endObject()
        w.field("date", exam.date)
        if let examiner = exam.document.examiner { w.field("examiner", examiner) }
        w.field("redFlagsScreened", screening.screened)
        w.key("points")
        w.beginArray()
        for ef in findings {
            w.beginObject()
            w.field("label", ef.point.label)
            if let pain = ef.point.pain { w.field("pain", pain) }
            if let block = ef.point.block, let relief = ef.point.relief {
                w.key("block")
                w.beginObject()
                w.field("agent", block.agent)
                w.field("volumeMillilitres", block.volume)
                w.field("painBefore", block.painBefore)
                w.field("painAfter", block.painAfter)
                w.field("minutes", block.minutes)
                if let p = relief.percent { w.field("reliefPercent", (p * 10).rounded() / 10) }
                w.field("verdict", relief.verdict.rawValue)
                w.field("words", relief.words)
                w.endObject()
            }
            w.key("finding")
            FindingJSON.finding(ef.finding, atlas: atlas, catalogue: catalogue, into: &w)
            w.endObject()
        }
        w.endArray()
        w.key("thresholds")
        w.beginObject()
        w.field("positivePercent", BlockRelief.positivePercent)
        w.field("strictPercent", BlockRelief.strictPercent)
        w.field("sources", strings: BlockRelief.sources)
        w.endObject()
        w.endObject()
    }
}
