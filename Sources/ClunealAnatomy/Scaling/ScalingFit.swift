import BodyGeometry

/// Chooses and fits the warp from a person's measurements.
enum ScalingFit {
    /// A fitted body stretched or squeezed more than this factor anywhere near a landmark is refused.
    static let plausibleLocalScale: ClosedRange<Double> = 0.5...2.0

    static func fit(atlas: Atlas, measurements m: Measurements) throws(MeasurementError) -> (warp: BodyWarp, scaling: Scaling) {
        let ratio = m.stature.map { $0.millimetres / atlas.referenceStatureMillimetres }
        let s = ratio ?? 1
        var notes: [String] = []
        let geometry = atlas.geometry(for: m.sex)
        let sexSpecific = atlas.sexSpecificLandmarks(for: m.sex)
        func ref(_ id: String, _ side: Side) -> Point? {
            guard let p = geometry[id]?.asPoint, let l = atlas.landmark(id) else { return nil }
            let placed = (l.laterality == .bilateral && side == .right) ? p.mirrored : p
            return Point(placed.x * s, placed.z * s)
        }
        var pairs: [ScalingPair] = []
        if let d = m.psisFromMidline?.millimetres {
            for side in Side.allCases {
                guard let r = ref(WellKnownId.psis.id, side) else { continue }
                pairs.append(ScalingPair(landmark: WellKnownId.psis.id, side: side, reference: r, target: Point(side.sign * d, 0), from: "psisFromMidline"))
            }
        }
        // A measured crest summit is brought to the bony level first (one rule: CrestLevelCorrection).
        var crestCorrection: CrestLevelCorrection?
        func bonyCrest(_ measured: Double, field: String) throws(MeasurementError) -> Double {
            let c = CrestLevelCorrection(atlas: atlas, measured: measured, source: m.crestSummitSource ?? .default, sex: m.sex, statureRatio: s)
            guard c.bonyMillimetres >= CrestLevelCorrection.minimumBonyHeight else {
                throw .unreadable(field: field, reason: "\(c.summary): below \(LengthUnit.centimetres.format(CrestLevelCorrection.minimumBonyHeight)) above the PSIS level; check the measurement and whether it was palpated or imaged")
            }
            crestCorrection = c
            return c.bonyMillimetres
        }
        if let measured = m.crestSummitAbovePSIS?.millimetres {
            let h = try bonyCrest(measured, field: "crest-height")
            for side in Side.allCases {
                guard let r = ref(WellKnownId.crestSummit.id, side) else { continue }
                pairs.append(ScalingPair(landmark: WellKnownId.crestSummit.id, side: side, reference: r, target: Point(r.x, h), from: "crestSummitAbovePsis"))
            }
        }
        if let w = m.bicristalWidth?.millimetres, case .polyline(let crest)? = geometry[WellKnownId.iliacCrest.id],
           let widest = crest.points.max(by: { abs($0.x) < abs($1.x) }) {
            for side in Side.allCases {
                let r = Point(side.sign * abs(widest.x) * s, widest.z * s)
                pairs.append(ScalingPair(landmark: "iliac-crest-widest", side: side, reference: r, target: Point(side.sign * w / 2, r.z), from: "bicristalWidth"))
            }
        }
        for (i, p) in m.palpated.enumerated() {
            let side = p.side ?? .left
            guard let r = ref(p.id, side) else { continue }
            let midline = atlas.landmark(p.id)?.laterality == .midline
            let x = midline ? 0 : side.sign * p.lateral.millimetres
            // A crest summit found on the person is a crest level like --crest-height.
            let z = p.id == WellKnownId.crestSummit.id ? try bonyCrest(p.vertical.millimetres, field: "landmarks[\(i)].vertical") : p.vertical.millimetres
            pairs.append(ScalingPair(landmark: p.id, side: midline ? nil : side, reference: r, target: Point(x, z), from: "palpated"))
        }

        let statureScaling = ratio.map { _ in BodyWarp(statureRatio: s) }
        guard !pairs.isEmpty else {
            let method: ScalingMethod = ratio == nil ? .reference : .stature
            return (statureScaling ?? .identity,
                    Scaling(method: method, statureRatio: ratio, statureMillimetres: m.stature?.millimetres, sex: m.sex,
                            sexSpecificLandmarks: sexSpecific, pairs: [], notes: notes))
        }
        // The origin is on the midline at the PSIS level for every person, by definition of the frame.
        let all = [ScalingPair(landmark: "origin", side: nil, reference: .origin, target: .origin, from: "frame definition")] + pairs
        let landmarkPairs = all.map { LandmarkPair(reference: $0.reference, target: $0.target) }
        var method: ScalingMethod
        var fit: BodyWarp.Fit
        do {
            if all.count >= 4 {
                do {
                    fit = .thinPlateSpline(try ThinPlateSpline(pairs: landmarkPairs))
                    method = .thinPlateSpline
                } catch {
                    notes.append("thin-plate spline not possible (\(error.description)); fell back to an affine fit")
                    fit = .affine(try AffineMap.fit(landmarkPairs))
                    method = .affine
                }
            } else if all.count == 3 {
                fit = .affine(try AffineMap.fit(landmarkPairs))
                method = .affine
            } else {
                fit = .similarity(try SimilarityTransform.fit(landmarkPairs))
                method = .similarity
            }
        } catch {
            notes.append("\(methodName(forCount: all.count)) fit not possible (\(error.description)); fell back to a similarity fit")
            do {
                fit = .similarity(try SimilarityTransform.fit(landmarkPairs))
                method = .similarity
            } catch {
                throw .unreadable(field: "landmarks", reason: "the measured landmarks cannot be fitted: \(error.description)")
            }
        }
        let warp = BodyWarp(statureRatio: s, fit: fit)
        // Refuse fits that fold or balloon the body: check the scale near every atlas point landmark.
        for l in atlas.document.landmarks {
            guard let p = geometry[l.id]?.asPoint else { continue }
            if l.laterality == .bilateral, p.x > 1 {
                // A bilateral landmark must stay on its own side of the midline.
                if warp.apply(p).x <= 0 || warp.apply(p.mirrored).x >= 0 {
                    throw .unreadable(field: "landmarks",
                                      reason: "the measurements move \(l.id) across the midline; check the sides and the sign of the lateral distances")
                }
            }
            for q in [p, p.mirrored] {
                let k = warp.localScale(at: q) / s
                if !k.isFinite || !plausibleLocalScale.contains(k) {
                    throw .unreadable(field: "landmarks",
                                      reason: "the measurements stretch the body by a factor of \(LengthUnit.fixed(k, 2)) near \(l.id) (allowed 0.5 to 2); check units and sides")
                }
            }
        }
        return (warp, Scaling(method: method, statureRatio: ratio, statureMillimetres: m.stature?.millimetres, sex: m.sex,
                              crestCorrection: crestCorrection, sexSpecificLandmarks: sexSpecific, pairs: all, notes: notes))
    }

    private static func methodName(forCount n: Int) -> String {
        n >= 3 ? "affine" : "similarity"
    }
}
