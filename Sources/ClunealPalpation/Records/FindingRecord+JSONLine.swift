import ClunealAnatomy

/// The fast encoder of ``FindingRecord`` for batches: exactly the bytes `JSONEncoder` writes
/// with `[.sortedKeys, .withoutEscapingSlashes]` (a test compares them on every sample and on
/// hostile strings), at a fraction of the cost. Kept because a million-row batch spends most
/// of its time encoding with `JSONEncoder` (see the note in `locate-bench`). Keys are written
/// in sorted order; absent values are `null` or left out as ``FindingRecord/encode(to:)`` says.
extension FindingRecord {
    /// A scaling record with its JSON, encoded once for every row on one body.
    public struct EncodedScaling: Sendable {
        let record: ScalingRecord
        let bytes: [UInt8]

        public init(_ record: ScalingRecord) {
            self.record = record
            var out = JSONBytes()
            out.scaling(record)
            bytes = out.bytes
        }
    }

    /// Appends the record as one line of compact JSON (with its newline). `scaling`, when it
    /// holds this record's scaling, is copied in instead of encoded again (same bytes).
    public func writeJSONLine(into out: inout JSONBytes, scaling encoded: EncodedScaling? = nil) {
        out.object { o in
            o.field("atlas") { $0.reference(atlas) }
            o.field("bestMatch") { w in if let bestMatch { w.candidate(bestMatch) } else { w.null() } }
            o.field("blockSite") { w in if let blockSite { w.blockSite(blockSite) } else { w.null() } }
            o.field("blockSiteWithheld", blockSiteWithheld)
            if let candidates { o.field("candidates") { w in w.array(candidates) { $0.candidate($1) } } }
            if let caseId = self.case { o.field("case", caseId) }
            o.field("cautionMessage") { w in if let cautionMessage { w.string(cautionMessage) } else { w.null() } }
            o.field("cautions") { w in
                w.array(cautions) { w, c in
                    w.object { co in
                        co.field("group", c.group.rawValue)
                        co.field("ruleOut", c.ruleOut)
                        co.field("symptoms") { w in w.array(c.symptoms) { $0.symptom($1) } }
                    }
                }
            }
            if let frame { o.field("frame", frame) }
            o.field("group") { w in if let group { w.group(group) } else { w.null() } }
            o.field("lookAlikes") { w in w.array(lookAlikes) { $0.lookAlike($1) } }
            o.field("nearestZone") { w in if let nearestZone { w.candidate(nearestZone) } else { w.null() } }
            if let notice { o.field("notice", notice) }
            o.field("palpationError") { w in
                w.object { e in
                    e.field("lateralMillimetres", palpationError.lateralMillimetres)
                    e.field("verticalMillimetres", palpationError.verticalMillimetres)
                }
            }
            o.field("redFlags") { w in w.array(redFlags) { $0.symptom($1) } }
            o.field("redFlagsScreened", redFlagsScreened)
            o.field("referralMessage") { w in if let referralMessage { w.string(referralMessage) } else { w.null() } }
            if let row { o.field("row", row) }
            o.field("scaling") { w in
                if let encoded, encoded.record == scaling { w.bytes.append(contentsOf: encoded.bytes) } else { w.scaling(scaling) }
            }
            o.field("statement", statement)
            o.field("symptomCatalogue") { w in if let symptomCatalogue { w.reference(symptomCatalogue) } else { w.null() } }
            o.field("symptoms") { w in w.array(symptoms) { $0.string($1) } }
            o.field("tenderPoint") { $0.tenderPoint(tenderPoint) }
            o.field("urgency", urgency.rawValue)
            o.field("urgentReferral", urgentReferral)
        }
        out.bytes.append(0x0A)
    }
}

extension JSONBytes {
    mutating func reference(_ r: AtlasReference) {
        object { o in
            o.field("id", r.id)
            o.field("version", r.version)
        }
    }

    mutating func point(_ p: FindingRecord.PointRecord) {
        object { o in
            o.field("xMillimetres", p.xMillimetres)
            o.field("zMillimetres", p.zMillimetres)
        }
    }

    mutating func candidate(_ c: FindingRecord.CandidateRecord) {
        object { o in
            o.field("branch", c.branch)
            o.field("disputed", c.disputed)
            o.field("distanceMillimetres", c.distanceMillimetres)
            o.field("isDefault", c.isDefault)
            if let v = c.nearestPathMillimetres { o.field("nearestPathMillimetres", v) }
            if let p = c.nearestPathPoint { o.field("nearestPathPoint") { $0.point(p) } }
            o.field("nerve", c.nerve.rawValue)
            o.field("rank", c.rank)
            o.field("siteId", c.siteId)
            o.field("source", c.source)
            if let v = c.standardScore { o.field("standardScore", v) }
            o.field("withinOneSD", c.withinOneSD)
            o.field("withinTwoSD", c.withinTwoSD)
            o.field("zone", c.zone)
            o.field("zoneCentre") { $0.point(c.zoneCentre) }
            o.field("zoneLateralAxis") { w in w.array(c.zoneLateralAxis) { $0.number($1) } }
            o.field("zoneLateralSDMillimetres", c.zoneLateralSDMillimetres)
            o.field("zoneVerticalSDMillimetres", c.zoneVerticalSDMillimetres)
        }
    }

    mutating func group(_ g: FindingRecord.GroupRecord) {
        object { o in
            o.field("branches") { w in w.array(g.branches) { $0.string($1) } }
            o.field("name", g.name)
            o.field("nerve", g.nerve.rawValue)
            o.field("searchWindow") { w in
                w.object { s in
                    let window = g.searchWindow
                    s.field("description", window.description)
                    s.field("lateralFromMillimetres", window.lateralFromMillimetres)
                    s.field("lateralToMillimetres", window.lateralToMillimetres)
                    s.field("sites") { w in w.array(window.sites) { $0.string($1) } }
                    s.field("verticalFromMillimetres", window.verticalFromMillimetres)
                    s.field("verticalToMillimetres", window.verticalToMillimetres)
                }
            }
            o.field("zones") { w in w.array(g.zones) { $0.string($1) } }
        }
    }

    mutating func symptom(_ s: FindingRecord.SymptomRecord) {
        object { o in
            o.field("group", s.group.rawValue)
            o.field("id", s.id)
            o.field("message", s.message)
            o.field("name", s.name)
            o.field("sources") { w in w.array(s.sources) { $0.string($1) } }
            o.field("urgency", s.urgency.rawValue)
        }
    }

    mutating func lookAlike(_ l: FindingRecord.LookAlikeRecord) {
        object { o in
            o.field("centre") { $0.point(l.centre) }
            o.field("distanceMillimetres", l.distanceMillimetres)
            o.field("id", l.id)
            o.field("inside", l.inside)
            o.field("name", l.name)
            o.field("radiusMillimetres", l.radiusMillimetres)
            o.field("sources") { w in w.array(l.sources) { $0.string($1) } }
        }
    }

    mutating func blockSite(_ b: FindingRecord.BlockSiteRecord) {
        object { o in
            o.field("fidelity", b.fidelity.rawValue)
            if let d = b.fromPSIS {
                o.field("fromPSIS") { w in
                    w.object { p in
                        p.field("lateralMillimetres", d.lateralMillimetres)
                        p.field("verticalMillimetres", d.verticalMillimetres)
                    }
                }
            }
            o.field("guidance", b.guidance)
            if let g = b.guide { o.field("guide") { $0.guide(g) } }
            o.field("id", b.id)
            o.field("lateralMillimetres", b.lateralMillimetres)
            o.field("name", b.name)
            if let n = b.nerve { o.field("nerve", n.rawValue) }
            o.field("side", b.side.rawValue)
            o.field("siteId", b.siteId)
            o.field("sources") { w in w.array(b.sources) { $0.string($1) } }
            o.field("verticalMillimetres", b.verticalMillimetres)
            o.field("volumeMillilitres") { w in
                w.object { v in
                    v.field("max", b.volumeMillilitres.max)
                    v.field("min", b.volumeMillilitres.min)
                }
            }
            o.field("xMillimetres", b.xMillimetres)
            o.field("zMillimetres", b.zMillimetres)
        }
    }

    mutating func guide(_ g: FindingRecord.BlockSiteRecord.Guide) {
        object { o in
            o.field("agent", g.agent)
            o.field("atlasPosition") { w in
                w.object { p in
                    p.field("frame", g.atlasPosition.frame)
                    p.field("lateralMillimetres", g.atlasPosition.lateralMillimetres)
                    p.field("verticalMillimetres", g.atlasPosition.verticalMillimetres)
                }
            }
            o.field("citations") { w in
                w.array(g.citations) { w, c in
                    w.object { o in
                        o.field("citation", c.citation)
                        o.field("id", c.id)
                        if let url = c.url { o.field("url", url) }
                    }
                }
            }
            if let d = g.derivation { o.field("derivation", d) }
            o.field("howToFind", g.howToFind)
            o.field("positiveResponse", g.positiveResponse)
            if let u = g.ultrasound {
                o.field("ultrasound") { w in
                    w.object { uo in
                        if let d = u.depthMillimetres {
                            uo.field("depthMillimetres") { w in
                                w.object { v in
                                    v.field("max", d.max)
                                    v.field("min", d.min)
                                }
                            }
                        }
                        uo.field("depthNote", u.depthNote)
                        uo.field("needleApproach", u.needleApproach)
                        uo.field("placement", u.placement)
                        uo.field("position", u.position)
                        uo.field("probe", u.probe)
                        uo.field("sources") { w in w.array(u.sources) { $0.string($1) } }
                        uo.field("targetPlane", u.targetPlane)
                    }
                }
            }
        }
    }

    mutating func scaling(_ s: ScalingRecord) {
        object { o in
            if let c = s.crestCorrection {
                o.field("crestCorrection") { w in
                    w.object { o in
                        o.field("bonyMillimetres", c.bonyMillimetres)
                        o.field("measuredMillimetres", c.measuredMillimetres)
                        o.field("offsetMillimetres", c.offsetMillimetres)
                        if let sex = c.sex { o.field("sex", sex.rawValue) }
                        o.field("source", c.source.rawValue)
                    }
                }
            }
            o.field("method", s.method.rawValue)
            o.field("notes") { w in w.array(s.notes) { $0.string($1) } }
            o.field("pairs") { w in
                w.array(s.pairs) { w, p in
                    w.object { o in
                        o.field("from", p.from)
                        o.field("landmark", p.landmark)
                        o.field("reference") { $0.point(p.reference) }
                        if let side = p.side { o.field("side", side.rawValue) }
                        o.field("target") { $0.point(p.target) }
                    }
                }
            }
            if let sex = s.sex { o.field("sex", sex.rawValue) }
            o.field("sexSpecificLandmarks") { w in w.array(s.sexSpecificLandmarks) { $0.string($1) } }
            if let v = s.statureMillimetres { o.field("statureMillimetres", v) }
            if let v = s.statureRatio { o.field("statureRatio", v) }
            o.field("summary", s.summary)
        }
    }

    mutating func tenderPoint(_ t: FindingRecord.TenderPointRecord) {
        object { o in
            o.field("lateralMillimetres", t.lateralMillimetres)
            if let m = t.measured {
                o.field("measured") { w in
                    w.object { o in
                        o.field("from", m.from.rawValue)
                        o.field("lateralMillimetres", m.lateralMillimetres)
                        o.field("verticalMillimetres", m.verticalMillimetres)
                    }
                }
            }
            o.field("side", t.side.rawValue)
            o.field("verticalMillimetres", t.verticalMillimetres)
            o.field("xMillimetres", t.xMillimetres)
            o.field("zMillimetres", t.zMillimetres)
        }
    }
}
