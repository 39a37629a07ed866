/// A validated named frame (see ``FrameEntry`` for the meaning of each kind).
public struct Frame: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// lateral = |x| from the midline, vertical = z from the PSIS level.
        case body
        /// Offsets from a point landmark on the same side.
        case landmark(String)
        /// lateral = |x| from the midline to a point on the curve; vertical = height above the curve there.
        case curveHeight(curve: String)
        /// lateral = distance along the curve from its point nearest the landmark; vertical = height above it.
        case curveArc(curve: String, from: String)
        /// lateral = horizontal distance lateral of the landmark; vertical = height above the curve there.
        case curveFromLandmark(curve: String, landmark: String)
    }

    public var id: String
    public var kind: Kind
    public var description: String

    public init(id: String, kind: Kind, description: String) {
        self.id = id
        self.kind = kind
        self.description = description
    }

    /// The curve the frame is measured along, if any.
    public var curve: String? {
        switch kind {
        case .body, .landmark: nil
        case .curveHeight(let c), .curveArc(let c, _), .curveFromLandmark(let c, _): c
        }
    }

    /// The point landmark the frame is measured from, if any.
    public var landmark: String? {
        switch kind {
        case .body, .curveHeight: nil
        case .landmark(let l), .curveArc(_, let l), .curveFromLandmark(_, let l): l
        }
    }

    /// The names accepted in the `kind` field of a frame entry.
    public static let kindNames = ["body", "landmark", "curveHeight", "curveArc", "curveFromLandmark"]
}

/// A position in a named frame, millimetres, for one side.
public struct FramePosition: Hashable, Sendable {
    public var frame: String
    /// Millimetres, positive away from the midline (or along the curve, for arc frames).
    public var lateral: Double
    /// Millimetres, positive cranial.
    public var vertical: Double

    public init(frame: String, lateral: Double, vertical: Double) {
        self.frame = frame
        self.lateral = lateral
        self.vertical = vertical
    }

    init(_ entry: FramePositionEntry) {
        self.init(frame: entry.frame, lateral: entry.lateral, vertical: entry.vertical)
    }
}
