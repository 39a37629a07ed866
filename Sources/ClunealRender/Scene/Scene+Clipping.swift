import BodyGeometry

extension Scene {
    /// The scene with everything drawn in body millimetres kept inside the body viewport: closed
    /// paths are clipped as regions, open ones cut into the runs inside, and markers, ellipses
    /// and labels whose centre or anchor lies outside are left out. A smooth subpath that leaves
    /// the viewport is flattened (to `tolerance` mm) before it is cut; anything wholly inside is
    /// unchanged. Page-positioned items (title, legend, leaders to the page) are untouched.
    public func clippedToViewport(tolerance: Double = 0.05) -> Scene {
        let box = layout.bodyViewport
        var out = self
        for li in out.layers.indices {
            out.layers[li].items = out.layers[li].items.compactMap { Self.clip($0, to: box, tolerance: tolerance) }
        }
        return out
    }

    private static func clip(_ item: SceneItem, to box: Bounds, tolerance: Double) -> SceneItem? {
        func inside(_ p: ScenePosition) -> Bool {
            if case .body(let b) = p { return box.contains(b) }
            return true
        }
        switch item.content {
        case .path(let path, let style):
            var subpaths: [Subpath] = []
            for sub in path.subpaths {
                let body = sub.points.compactMap { p -> Point? in if case .body(let b) = p { b } else { nil } }
                // Mixed or page-only subpaths, and those already inside, stay as they are.
                if body.count != sub.points.count || body.allSatisfy(box.contains) {
                    subpaths.append(sub)
                    continue
                }
                let line = sub.isSmooth ? SmoothCurve.flattened(through: body, closed: sub.isClosed, tolerance: tolerance) : body
                if sub.isClosed {
                    let region = PolygonClipping.clip(line, to: box)
                    if region.count >= 3 { subpaths.append(Subpath(body: region, closed: true)) }
                } else {
                    subpaths += PolygonClipping.clip(polyline: line, to: box).map { Subpath(body: $0, closed: false) }
                }
            }
            guard !subpaths.isEmpty else { return nil }
            var clipped = item
            clipped.content = .path(ScenePath(subpaths, fillRule: path.fillRule), style)
            return clipped
        case .ellipse(let e, _):
            return inside(e.centre) ? item : nil
        case .marker(let m):
            return inside(m.position) ? item : nil
        case .text(let label):
            return inside(label.anchor) ? item : nil
        }
    }
}
