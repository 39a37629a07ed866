import BodyGeometry
import ClunealAnatomy
import ClunealPalpation

/// Findings and block sites as JSON, written field by field in a stable order: red flags
/// first. Millimetres to 0.01, standard scores to 0.001.
enum FindingJSON {
    static func finding(_ f: Finding, atlas: Atlas, catalogue: SymptomCatalogue?, into w: inout JSONWriter) {
        w.beginObject()
        w.field("urgentReferral", f.urgentReferral)
        w.key("redFlags")
        w.beginArray()
        for s in f.screening.redFlags { symptom(s, into: &w) }
        w.endArray()
        w.field("referralMessage", f.screening.referralMessage)
        w.field("statement", f.statement)
        w.key("tenderPoint")
        tenderPoint(f.tenderPoint, into: &w)
        w.key("palpationError")
        w.beginObject()
        w.field("lateralMillimetres", f.palpationError.lateralMillimetres)
        w.field("verticalMillimetres", f.palpationError.verticalMillimetres)
        w.endObject()
        w.key("group")
        if let g = f.group {
            w.beginObject()
            w.field("nerve", g.nerve.rawValue)
            w.field("name", g.name)
            w.field(key: "branches", strings: g.branches)
            w.field(key: "zones", strings: g.zoneIds)
            w.key("searchWindow")
            w.beginObject()
            w.field(key: "sites", strings: g.window.siteIds)
            w.field("lateralFromMillimetres", g.window.lateralRange.lowerBound)
            w.field("lateralToMillimetres", g.window.lateralRange.upperBound)
            w.field("verticalFromMillimetres", g.window.verticalRange.lowerBound)
            w.field("verticalToMillimetres", g.window.verticalRange.upperBound)
            w.field("description", "\(g.window.placeWords): \(g.window.rangeWords)")
            w.endObject()
            w.endObject()
        } else {
            w.null()
        }
        w.key("bestMatch")
        if let b = f.bestMatch { candidate(b, into: &w) } else { w.null() }
        w.key("blockSite")
        if let b = f.blockSite { blockSite(b, into: &w) } else { w.null() }
        w.field("blockSiteWithheld", f.blockSiteWithheld)
        w.key("lookAlikes")
        w.beginArray()
        for l in f.lookAlikes {
            w.beginObject()
            w.field("id", l.id)
            w.field("name", l.lookAlike.entry.names.en)
            w.field("inside", l.inside)
            w.field("distanceMillimetres", l.distanceMillimetres)
            w.field("radiusMillimetres", l.lookAlike.radius)
            w.key("centre")
            point(l.lookAlike.point, into: &w)
            w.field("description", l.lookAlike.entry.description)
            w.field(key: "sources", strings: l.lookAlike.entry.provenance.sources)
            w.endObject()
        }
        w.endArray()
        w.key("candidates")
        w.beginArray()
        for c in f.candidates { candidate(c, into: &w) }
        w.endArray()
        w.field(key: "symptoms", strings: f.screening.reported.map(\.id))
        w.key("scaling")
        scaling(f.scaling, into: &w)
        w.key("atlas")
        w.beginObject()
        w.field("id", atlas.id)
        w.field("version", atlas.version)
        w.endObject()
        w.key("symptomCatalogue")
        if let catalogue {
            w.beginObject()
            w.field("id", catalogue.id)
            w.field("version", catalogue.version)
            w.endObject()
        } else {
            w.null()
        }
        w.field("frame", BodyFrameText.short)
        w.field("notice", Notice.text)
        w.endObject()
    }

    static func symptom(_ s: Symptom, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", s.id)
        w.field("name", s.names.en)
        w.field("urgency", s.urgency.rawValue)
        w.field("group", s.group.rawValue)
        w.field("message", s.message)
        w.field(key: "sources", strings: s.sources)
        w.endObject()
    }

    static func point(_ p: Point, into w: inout JSONWriter) {
        w.beginObject()
        w.field("xMillimetres", p.x)
        w.field("zMillimetres", p.z)
        w.endObject()
    }

    static func tenderPoint(_ p: TenderPoint, into w: inout JSONWriter) {
        w.beginObject()
        w.field("side", p.side.rawValue)
        w.field("xMillimetres", p.point.x)
        w.field("zMillimetres", p.point.z)
        w.field("lateralMillimetres", p.lateralMillimetres)
        w.field("verticalMillimetres", p.verticalMillimetres)
        if let input = p.input {
            w.key("measured")
            w.beginObject()
            w.field("from", input.frame.rawValue)
            w.field("lateralMillimetres", input.lateral.millimetres)
            w.field("verticalMillimetres", input.vertical.millimetres)
            w.endObject()
        }
        w.endObject()
    }

    static func candidate(_ c: Candidate, into w: inout JSONWriter) {
        w.beginObject()
        w.field("rank", c.rank)
        w.field("nerve", c.nerve.rawValue)
        w.field("branch", c.branch)
        w.field("zone", c.zoneId)
        w.field("source", c.source)
        w.field("siteId", c.siteId)
        w.field("isDefault", c.isDefault)
        w.field("disputed", c.disputed)
        w.field("distanceMillimetres", c.distanceMillimetres)
        w.field("standardScore", c.standardScore, places: 3)
        w.field("withinOneSD", c.withinOneSD)
        w.field("withinTwoSD", c.withinTwoSD)
        w.field("nearestPathMillimetres", c.nearestPathMillimetres)
        w.key("nearestPathPoint")
        if let p = c.nearestPathPoint { point(p, into: &w) } else { w.null() }
        w.key("zoneCentre")
        point(c.zone.centre, into: &w)
        w.key("zoneLateralAxis")
        w.beginArray()
        w.number(c.zone.lateralAxis.dx, places: 6)
        w.number(c.zone.lateralAxis.dz, places: 6)
        w.endArray()
        w.field("zoneLateralSDMillimetres", c.zone.lateralSD)
        w.field("zoneVerticalSDMillimetres", c.zone.verticalSD)
        w.endObject()
    }

    static func blockSite(_ b: BlockSite, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", b.id)
        w.field("siteId", b.siteId)
        w.field("nerve", b.nerve?.rawValue)
        w.field("name", b.name)
        w.field("side", b.side.rawValue)
        w.field("xMillimetres", b.point.x)
        w.field("zMillimetres", b.point.z)
        w.field("lateralMillimetres", b.lateralMillimetres)
        w.field("verticalMillimetres", b.verticalMillimetres)
        w.key("fromPSIS")
        if let d = b.fromPSIS {
            w.beginObject()
            w.field("lateralMillimetres", d.dx)
            w.field("verticalMillimetres", d.dz)
            w.endObject()
        } else {
            w.null()
        }
        w.key("atlasPosition")
        w.beginObject()
        w.field("frame", b.atlasPosition.frame)
        w.field("lateralMillimetres", b.atlasPosition.lateral)
        w.field("verticalMillimetres", b.atlasPosition.vertical)
        w.endObject()
        w.field("guidance", b.guidance)
        w.field("howToFind", b.howToFind)
        w.key("volumeMillilitres")
        w.beginObject()
        w.field("min", b.volumeMillilitres.min)
        w.field("max", b.volumeMillilitres.max)
        w.endObject()
        w.field("agent", b.agent)
        w.field("positiveResponse", b.positiveResponse)
        w.field("fidelity", b.fidelity.rawValue)
        w.field("derivation", b.derivation)
        w.key("sources")
        w.beginArray()
        for s in b.sources {
            w.beginObject()
            w.field("id", s.id)
            w.field("citation", s.citation)
            w.field("url", s.URL)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func scaling(_ s: Scaling, into w: inout JSONWriter) {
        w.beginObject()
        w.field("method", s.method.rawValue)
        w.field("summary", s.summary)
        w.field("statureRatio", s.statureRatio, places: 6)
        w.field("statureMillimetres", s.statureMillimetres)
        w.field("sex", s.sex?.rawValue)
        w.field(key: "sexSpecificLandmarks", strings: s.sexSpecificLandmarks)
        w.key("crestCorrection")
        if let c = s.crestCorrection {
            w.beginObject()
            w.field("source", c.source.rawValue)
            w.field("sex", c.sex?.rawValue)
            w.field("measuredMillimetres", c.measuredMillimetres)
            w.field("offsetMillimetres", c.offsetMillimetres)
            w.field("bonyMillimetres", c.bonyMillimetres)
            w.endObject()
        } else {
            w.null()
        }
        w.key("pairs")
        w.beginArray()
        for p in s.pairs {
            w.beginObject()
            w.field("landmark", p.landmark)
            w.field("side", p.side?.rawValue)
            w.key("reference")
            point(p.reference, into: &w)
            w.key("target")
            point(p.target, into: &w)
            w.field("from", p.from)
            w.endObject()
        }
        w.endArray()
        w.field(key: "notes", strings: s.notes)
        w.endObject()
    }
}

extension JSONWriter {
    mutating func field(key k: StaticString, strings: [String]) { field(k, strings: strings) }
}
