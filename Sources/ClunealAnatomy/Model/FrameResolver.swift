import BodyGeometry

/// Why a frame position could not be turned into a body-frame point.
public enum PlacementError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownFrame(String)
    case missingLandmark(String)
    case missingCurve(String)
    /// The curve has no point at this horizontal position (x in mm, the curve's span).
    case outsideCurve(curve: String, x: Double, span: ClosedRange<Double>)
    case nonFinite

    public var description: String {
        switch self {
        case .unknownFrame(let f): "no frame named \"\(f)\""
        case .missingLandmark(let l): "the frame needs the point landmark \"\(l)\", which is missing"
        case .missingCurve(let c): "the frame needs the curve \"\(c)\", which is missing"
        case .outsideCurve(let c, let x, let span):
            "x = \(AtlasError.format(abs(x))) mm from the midline is beyond the curve \"\(c)\", which spans \(AtlasError.format(span.lowerBound))...\(AtlasError.format(span.upperBound)) mm"
        case .nonFinite: "the position is not a finite number"
        }
    }
}

/// A resolved frame position: where it is, and which way its lateral axis points.
public struct PlacedPosition: Hashable, Sendable {
    /// Body-frame point, millimetres.
    public var point: Point
    /// Unit vector of the frame's lateral axis at the point (pointing away from the midline).
    public var lateralAxis: Vector
    /// Unit vector of the frame's vertical axis at the point (cranial; perpendicular to the
    /// lateral axis, so the two make an orthonormal pair).
    public var verticalAxis: Vector
}

/// Turns frame positions into body-frame points, given one side's landmarks and curves.
///
/// Works on any placed geometry: the reference atlas or a body scaled to a person.
public struct FrameResolver: Sendable {
    public var frames: [String: Frame]
    /// Point landmarks by id, per side (midline landmarks are listed under both sides).
    public var points: [Side: [String: Point]]
    /// Curves (polylines) by id, per side.
    public var curves: [Side: [String: Polyline]]

    public init(frames: [String: Frame], points: [Side: [String: Point]], curves: [Side: [String: Polyline]]) {
        self.frames = frames
        self.points = points
        self.curves = curves
    }

    public func place(_ position: FramePosition, side: Side) throws(PlacementError) -> PlacedPosition {
        guard position.lateral.isFinite, position.vertical.isFinite else { throw .nonFinite }
        guard let frame = frames[position.frame] else { throw .unknownFrame(position.frame) }
        let s = side.sign
        let outward = Vector(s, 0), up = Vector(0, 1)
        switch frame.kind {
        case .body:
            return PlacedPosition(point: Point(s * position.lateral, position.vertical), lateralAxis: outward, verticalAxis: up)
        case .landmark(let id):
            let l = try landmark(id, side)
            return PlacedPosition(point: Point(l.x + s * position.lateral, l.z + position.vertical),
                                  lateralAxis: outward, verticalAxis: up)
        case .curveHeight(let curveId):
            let c = try curve(curveId, side)
            let x = s * position.lateral
            let z = try height(of: c, id: curveId, atX: x)
            return PlacedPosition(point: Point(x, z + position.vertical), lateralAxis: outward, verticalAxis: up)
        case .curveArc(let curveId, let from):
            let c = try curve(curveId, side)
            let start = c.closestPoint(to: try landmark(from, side)).arcLength
            let onCurve = c.point(atArcLength: start + position.lateral)
            var tangent = c.tangent(atArcLength: start + position.lateral) ?? outward
            if tangent.dx * s < 0 { tangent = -tangent }
            var normal = tangent.perpendicular
            if normal.dz < 0 { normal = -normal }
            return PlacedPosition(point: Point(onCurve.x, onCurve.z + position.vertical),
                                  lateralAxis: tangent, verticalAxis: normal)
        case .curveFromLandmark(let curveId, let landmarkId):
            let l = try landmark(landmarkId, side)
            let c = try curve(curveId, side)
            let x = l.x + s * position.lateral
            let z = try height(of: c, id: curveId, atX: x)
            return PlacedPosition(point: Point(x, z + position.vertical), lateralAxis: outward, verticalAxis: up)
        }
    }

    /// The height of `curve` at `x`: the first crossing along the curve.
    public func height(of curve: Polyline, id: String, atX x: Double) throws(PlacementError) -> Double {
        if let p = curve.crossings(atX: x).first { return p.z }
        let xs = curve.points.map { abs($0.x) }
        let span = (xs.min() ?? 0)...(xs.max() ?? 0)
        throw .outsideCurve(curve: id, x: x, span: span)
    }

    private func landmark(_ id: String, _ side: Side) throws(PlacementError) -> Point {
        guard let p = points[side]?[id] else { throw .missingLandmark(id) }
        return p
    }

    private func curve(_ id: String, _ side: Side) throws(PlacementError) -> Polyline {
        guard let c = curves[side]?[id] else { throw .missingCurve(id) }
        return c
    }
}

extension FrameResolver {
    /// The resolver for the reference body: left-side geometry as written, the right mirrored.
    static func reference(document: AtlasDocument, geometry: [String: Geometry], frames: [String: Frame]) -> FrameResolver {
        var points: [Side: [String: Point]] = [.left: [:], .right: [:]]
        var curves: [Side: [String: Polyline]] = [.left: [:], .right: [:]]
        var laterality: [String: Laterality] = [:]
        for l in document.landmarks { laterality[l.id] = l.laterality }
        for s in document.structures { laterality[s.id] = s.laterality }
        for n in document.nerves { laterality[n.id] = n.laterality }
        for (id, g) in geometry {
            for side in Side.allCases {
                guard let placed = g.placed(laterality: laterality[id] ?? .bilateral, side: side) else { continue }
                if let p = placed.asPoint { points[side]?[id] = p }
                if let c = placed.asPolyline { curves[side]?[id] = c }
            }
        }
        return FrameResolver(frames: frames, points: points, curves: curves)
    }
}
