import ClunealAnatomy
import ClunealPalpation

/// `chart --json`: the exam's patient, date and red-flag status, and for each point its label,
/// pain, block relief and the finding as the same ``FindingRecord`` `locate --json` prints.
struct ChartRecord: Encodable {
    struct Patient: Encodable {
        let id: String
        let sex: Sex
        let age: Int?
    }

    struct Block: Encodable {
        let agent: String
        let volumeMillilitres: Double
        let painBefore: Double
        let painAfter: Double
        let minutes: Double
        let reliefPercent: Double?
        let verdict: BlockRelief.Verdict
        let words: String
    }

    struct Point: Encodable {
        let label: String
        let pain: Double?
        let block: Block?
        let finding: FindingRecord
    }

    struct Thresholds: Encodable {
        let positivePercent = BlockRelief.positivePercent
        let strictPercent = BlockRelief.strictPercent
        let sources = BlockRelief.sources
    }

    let patient: Patient
    let date: String
    let examiner: String?
    let redFlagsScreened: Bool
    let points: [Point]
    let thresholds = Thresholds()

    init(exam: Exam, findings: [ExamFinding], screening: RedFlagScreening, atlas: Atlas, catalogue: SymptomCatalogue?, frame: String, notice: String) {
        patient = Patient(id: exam.patient.id, sex: exam.patient.sex, age: exam.patient.age)
        date = exam.date
        examiner = exam.document.examiner
        redFlagsScreened = screening.screened
        points = findings.map { ef in
            let block = ef.point.block.flatMap { b in
                ef.point.relief.map { r in
                    Block(agent: b.agent, volumeMillilitres: b.volume, painBefore: b.painBefore, painAfter: b.painAfter, minutes: b.minutes,
                          reliefPercent: r.percent.map { ($0 * 10).rounded() / 10 }, verdict: r.verdict, words: r.words)
                }
            }
            return Point(label: ef.point.label, pain: ef.point.pain, block: block,
                         finding: FindingRecord(ef.finding, atlas: AtlasReference(atlas),
                                                catalogue: catalogue.map { AtlasReference(id: $0.id, version: $0.version) },
                                                detail: .full(frame: frame, notice: notice)))
        }
    }
}
