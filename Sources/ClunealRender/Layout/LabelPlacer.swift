/// A label to place: the point it names and the size of its box, pixels.
public struct LabelRequest: Hashable, Sendable {
    public var id: String
    public var anchor: PixelPoint
    public var size: PixelSize
    /// Higher priorities are placed first.
    public var priority: Int
    /// Distance from the anchor to the box at the first ring, pixels.
    public var gap: Float
    /// The item the label names (pixels); when not empty the box must be at least as near to it
    /// as to every rival, and the leader always runs to the anchor.
    public var target: [PixelPoint]
    /// Other items of the same kind, pixels.
    public var rivals: [[PixelPoint]]

    public init(id: String, anchor: PixelPoint, size: PixelSize, priority: Int = 0, gap: Float = 4,
                target: [PixelPoint] = [], rivals: [[PixelPoint]] = []) {
        self.id = id
        self.anchor = anchor
        self.size = size
        self.priority = priority
        self.gap = gap
        self.target = target
        self.rivals = rivals
    }

    /// True when `rect` is no farther from the target than from any rival (always true
    /// without a target).
    public func belongs(_ rect: PixelRect) -> Bool {
        guard !target.isEmpty else { return true }
        let own = rect.distance(to: target)
        return rivals.allSatisfy { rect.distance(to: $0) >= own }
    }
}

/// The eight directions a label may take around its anchor.
public enum LabelDirection: String, Hashable, Sendable, CaseIterable {
    case northEast, southEast, northWest, southWest, east, west, north, south

    /// Unit steps (x right, y down).
    var step: (x: Float, y: Float) {
        switch self {
        case .northEast: (1, -1)
        case .southEast: (1, 1)
        case .northWest: (-1, -1)
        case .southWest: (-1, 1)
        case .east: (1, 0)
        case .west: (-1, 0)
        case .north: (0, -1)
        case .south: (0, 1)
        }
    }
}

/// Where one label went.
public struct PlacedLabel: Hashable, Sendable {
    public var id: String
    /// The label box, pixels.
    public var rect: PixelRect
    public var direction: LabelDirection
    /// 0 for the ring nearest the anchor, counting outward.
    public var ring: Int
    /// From the anchor to the box, when the label was pushed beyond the first ring.
    public var leader: PixelSegment?
}

/// The outcome of a placement: every request is either placed or dropped.
public struct LabelPlacementResult: Hashable, Sendable {
    /// In placement order (priority, then position, then id).
    public var placed: [PlacedLabel]
    /// Ids of labels that fit nowhere, in placement order.
    public var dropped: [String]

    public func placement(for id: String) -> PlacedLabel? { placed.first { $0.id == id } }
}

/// Greedy, deterministic point-label placement.
///
/// Labels are taken in a fixed order (priority, then top to bottom, left to right, then id).
/// Each tries 8 positions around its anchor (the cartographic preference order: north-east,
/// south-east, north-west, south-west, east, west, north, south) at increasing distances.
/// A position is **allowed** if its box stays on the canvas inside the margin and overlaps no
/// placed label box and no obstacle. The first pass also asks that the box cover no other
/// anchor, stay off earlier leaders, and that its own leader cross no placed label; if no
/// position passes, a second pass drops those wishes. A label with no allowed position is
/// dropped (reported), never drawn over another. A label with a target must also lie no
/// farther from its own item than from any rival item, in both passes, and always gets a leader
/// that ends on its anchor.
public struct LabelPlacer: Sendable {
    /// The drawable area, pixels.
    public var canvas: PixelRect
    /// Labels keep this far inside the canvas, pixels.
    public var margin: Float
    /// Empty space kept between label boxes, pixels.
    public var padding: Float
    /// How many distances to try (each ring steps out by the label height, at least the gap).
    public var ringCount: Int
    /// Areas labels must not cover (legend, title block), pixels.
    public var obstacles: [PixelRect]
    /// Points labels should not cover (besides the other labels' anchors), pixels.
    public var protectedPoints: [PixelPoint]
    /// Radius around an anchor that labels should keep clear of, pixels.
    public var anchorRadius: Float

    public init(canvas: PixelRect, margin: Float = 4, padding: Float = 1, ringCount: Int = 4,
                obstacles: [PixelRect] = [], protectedPoints: [PixelPoint] = [], anchorRadius: Float = 2) {
        self.canvas = canvas
        self.margin = margin
        self.padding = padding
        self.ringCount = ringCount
        self.obstacles = obstacles
        self.protectedPoints = protectedPoints
        self.anchorRadius = anchorRadius
    }

    public func place(_ requests: [LabelRequest]) -> LabelPlacementResult {
        let order = requests.indices.sorted { a, b in
            let ra = requests[a], rb = requests[b]
            if ra.priority != rb.priority { return ra.priority > rb.priority }
            if ra.anchor.y != rb.anchor.y { return ra.anchor.y < rb.anchor.y }
            if ra.anchor.x != rb.anchor.x { return ra.anchor.x < rb.anchor.x }
            if ra.id != rb.id { return ra.id < rb.id }
            return a < b
        }
        let usable = PixelRect(x: canvas.x + margin, y: canvas.y + margin,
                               width: canvas.width - 2 * margin, height: canvas.height - 2 * margin)
        let anchors = requests.map(\.anchor).filter(\.isFinite) + protectedPoints.filter(\.isFinite)
        var placed: [PlacedLabel] = []
        var dropped: [String] = []

        for index in order {
            let request = requests[index]
            guard request.anchor.isFinite, request.size.width.isFinite, request.size.height.isFinite,
                  request.size.width >= 0, request.size.height >= 0, request.gap.isFinite else {
                dropped.append(request.id)
                continue
            }
            let candidates = self.candidates(for: request)
            var choice: (rect: PixelRect, direction: LabelDirection, ring: Int)?
            for strict in [true, false] {
                for c in candidates where allowed(c.rect, request: request, usable: usable, placed: placed,
                                                  anchors: anchors, ring: c.ring, strict: strict) {
                    choice = c
                    break
                }
                if choice != nil { break }
            }
            guard let choice else {
                dropped.append(request.id)
                continue
            }
            let tied = !request.target.isEmpty
            placed.append(PlacedLabel(id: request.id, rect: choice.rect, direction: choice.direction, ring: choice.ring,
                                      leader: tied ? PixelSegment(choice.rect.nearestPoint(to: request.anchor), request.anchor)
                                          : choice.ring > 0 ? leader(from: request.anchor, to: choice.rect) : nil))
        }
        return LabelPlacementResult(placed: placed, dropped: dropped)
    }

    /// Every candidate box in preference order: ring by ring, direction by direction.
    func candidates(for request: LabelRequest) -> [(rect: PixelRect, direction: LabelDirection, ring: Int)] {
        let w = request.size.width, h = request.size.height
        let gap = Swift.max(0, request.gap)
        let step = Swift.max(gap, h, 1)
        let diagonal: Float = 0.70710678
        var out: [(PixelRect, LabelDirection, Int)] = []
        for ring in 0..<Swift.max(1, ringCount) {
            let d = gap + Float(ring) * step
            for direction in LabelDirection.allCases {
                let (sx, sy) = direction.step
                let isDiagonal = sx != 0 && sy != 0
                let dx = isDiagonal ? d * diagonal : d, dy = isDiagonal ? d * diagonal : d
                let x: Float = sx > 0 ? request.anchor.x + dx : sx < 0 ? request.anchor.x - dx - w : request.anchor.x - w / 2
                let y: Float = sy > 0 ? request.anchor.y + dy : sy < 0 ? request.anchor.y - dy - h : request.anchor.y - h / 2
                out.append((PixelRect(x: x, y: y, width: w, height: h), direction, ring))
            }
        }
        return out
    }

    private func allowed(_ rect: PixelRect, request: LabelRequest, usable: PixelRect, placed: [PlacedLabel],
                         anchors: [PixelPoint], ring: Int, strict: Bool) -> Bool {
        guard usable.contains(rect), request.belongs(rect) else { return false }
        let padded = rect.outset(by: padding)
        for other in placed where padded.intersects(other.rect) { return false }
        for obstacle in obstacles where rect.intersects(obstacle) { return false }
        guard strict else { return true }
        let guarded = rect.outset(by: anchorRadius)
        for a in anchors where guarded.contains(a) { return false }
        for other in placed {
            if let l = other.leader, segment(l, crosses: padded) { return false }
        }
        if ring > 0 || !request.target.isEmpty {
            let l = leader(from: request.anchor, to: rect)
            for other in placed where segment(l, crosses: other.rect.outset(by: padding)) { return false }
        }
        return true
    }

    /// From just outside the anchor to the nearest point of the box.
    func leader(from anchor: PixelPoint, to rect: PixelRect) -> PixelSegment {
        let end = rect.nearestPoint(to: anchor)
        let d = anchor.distance(to: end)
        guard d > anchorRadius * 2, d > 0 else { return PixelSegment(anchor, end) }
        let t = anchorRadius / d
        return PixelSegment(PixelPoint(anchor.x + (end.x - anchor.x) * t, anchor.y + (end.y - anchor.y) * t), end)
    }

    /// True when the segment passes through the rectangle's interior (Liang–Barsky clipping).
    func segment(_ s: PixelSegment, crosses r: PixelRect) -> Bool {
        var t0: Float = 0, t1: Float = 1
        let dx = s.end.x - s.start.x, dy = s.end.y - s.start.y
        let tests: [(Float, Float)] = [(-dx, s.start.x - r.minX), (dx, r.maxX - s.start.x),
                                       (-dy, s.start.y - r.minY), (dy, r.maxY - s.start.y)]
        for (p, q) in tests {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let t = q / p
                if p < 0 {
                    if t > t1 { return false }
                    t0 = Swift.max(t0, t)
                } else {
                    if t < t0 { return false }
                    t1 = Swift.min(t1, t)
                }
            }
        }
        return t1 - t0 > 1e-6
    }
}
