import ClunealAnatomy

/// An exam file as written in JSON (`cluneal chart EXAM.json`; schema `Atlas/exam.schema.json`).
///
/// ```json
/// { "schemaVersion": 1,
///   "patient": { "id": "P-0042", "sex": "female", "age": 58 },
///   "date": "2026-12-06", "examiner": "Dr A. Example",
///   "measurements": { "height": "168cm", "psisFromMidline": "4.3cm", "crestSummitAbovePsis": "7.5cm" },
///   "symptoms": ["buttock pain", "sitting", "over 50"], "redFlagsScreened": true,
///   "tenderPoints": [ { "label": "1", "side": "left", "from": "crest", "lateral": "7cm", "vertical": "0", "pain": 7,
///                       "block": { "agent": "lidocaine 1 %", "volume": 1, "painBefore": 7, "painAfter": 1, "minutes": 30 } } ] }
/// ```
/// Lengths are as in a measurements file (strings with a unit, or bare numbers in cm).
public struct ExamDocument: Codable, Hashable, Sendable {
    /// Format version of this layout; this build reads version 1.
    public var schemaVersion: Int
    public var patient: Patient
    /// The exam date, ISO 8601 (`YYYY-MM-DD`).
    public var date: String
    public var examiner: String?
    /// As a measurements file; absent for the reference body.
    public var measurements: MeasurementsDocument?
    /// Ids, synonyms or unique words of `symptoms.json`.
    public var symptoms: [String]?
    /// True when the clinician assessed the red flags.
    public var redFlagsScreened: Bool
    public var tenderPoints: [TenderPointEntry]

    public struct Patient: Codable, Hashable, Sendable {
        /// A record number or pseudonym, never needed to be a name.
        public var id: String
        public var sex: Sex
        /// Whole years, 0–120.
        public var age: Int?
    }

    public struct TenderPointEntry: Codable, Hashable, Sendable {
        /// Printed on the chart beside the point (at most ``Exam/labelLimit`` characters).
        public var label: String
        public var side: Side
        public var from: InputFrame
        public var lateral: MeasurementsDocument.LengthValue
        public var vertical: MeasurementsDocument.LengthValue
        /// Pain on pressing, 0–10.
        public var pain: Double?
        public var block: BlockEntry?
    }

    /// A diagnostic block given at the point, with pain before and after it.
    public struct BlockEntry: Codable, Hashable, Sendable {
        public var agent: String
        /// Millilitres, more than 0 and at most 20.
        public var volume: Double
        /// 0–10 before the block.
        public var painBefore: Double
        /// 0–10 after the block, when it was assessed.
        public var painAfter: Double
        /// Minutes after the injection at which `painAfter` was assessed, 0–1440.
        public var minutes: Double
    }
}
