import BodyGeometry
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ClunealRender

extension XMLElement {
    /// swift-corelibs-foundation's `attribute(forName:)` misses unprefixed attributes of an
    /// element in a default namespace; search the attribute list instead.
    func attr(_ name: String) -> XMLNode? {
        attributes?.first { $0.name == name }
    }
}

@Suite("SVG writer")
struct SVGTests {
    func scene() -> Scene {
        var scene = Scene(layout: TestSupport.page(), title: "Test & <map>", metadata: ["Atlas": "default"])
        var bone = Layer(id: "bone", title: "Bone & cartilage")
        if let tri = Polygon([Point(-30, 20), Point(0, 20), Point(0, 0)]) {
            bone.add(.path("ilium-left", ScenePath(polygon: tri, fillRule: .evenOdd),
                           style: Style(fill: Color(rgb: 0xE9E2D0), fillOpacity: 0.5,
                                        stroke: StrokeStyle(color: .black, widthMm: 0.4, join: .miter, cap: .square, miterLimit: 6,
                                                            dash: DashPattern([2, 1], offsetMm: 0.5))),
                           title: "Ilium (left)", metadata: ["kind": "bone", "Laterality": "left", "source id": "x<y"]))
        }
        bone.add(.ellipse("ilium-left", SceneEllipse(centre: .body(Point(10, -5)), radiusXMm: 6, radiusYMm: 3, rotationDegrees: 30),
                          style: .fill(.black)))
        bone.add(.ellipse("3 weird <id>&", .circle(centre: .page(PagePoint(5, 5)), radiusMm: 2), style: .stroke(.black, widthMm: 0.2)))
        scene.layers.append(bone)
        var labels = Layer(id: .label, title: "Labels")
        labels.add(.text("lbl", TextLabel("a < b & \"c\"\nsecond line", at: .body(Point(0, 0)), fontSizeMm: 3,
                                          halo: Halo(color: .white, widthMm: 0.5), alignment: TextAlignment(.middle, .top)),
                         title: "A label"))
        labels.add(.marker("m", Marker(at: .body(Point(5, 5)), shape: .target, sizeMm: 3, style: .fill(.black))))
        scene.layers.append(labels)
        scene.layers.append(Layer(id: "quiz", title: "Quiz answers", isHidden: true,
                                  items: [.text("answer", TextLabel("hidden", at: .page(PagePoint(1, 1)), fontSizeMm: 2))]))
        return scene
    }

    func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(data: Data(svg.utf8), options: [])
        return try #require(document.rootElement())
    }

    @Test func parsesAsXMLWithMillimetreViewBox() throws {
        let root = try parse(try SVGWriter().write(scene()))
        #expect(root.name == "svg")
        #expect(root.attr("width")?.stringValue == "60mm")
        #expect(root.attr("height")?.stringValue == "40mm")
        #expect(root.attr("viewBox")?.stringValue == "0 0 60 40")
        #expect(root.attr("data-atlas")?.stringValue == "default")
        #expect(root.elements(forName: "title").first?.stringValue == "Test & <map>")
    }

    @Test func oneInkscapeLayerPerSceneLayer() throws {
        let root = try parse(try SVGWriter().write(scene()))
        let groups = root.elements(forName: "g")
        #expect(groups.map { $0.attr("id")?.stringValue } == ["bone", "label", "quiz"])
        #expect(groups.map { $0.attr("inkscape:label")?.stringValue } == ["Bone & cartilage", "Labels", "Quiz answers"])
        #expect(groups.allSatisfy { $0.attr("inkscape:groupmode")?.stringValue == "layer" })
        #expect(groups[2].attr("style")?.stringValue == "display:none")
        #expect(groups[0].attr("style") == nil)
    }

    @Test func idsAreValidUniqueAndStable() throws {
        let svg = try SVGWriter().write(scene())
        let root = try parse(svg)
        var ids: [String] = []
        func collect(_ e: XMLElement) {
            if let id = e.attr("id")?.stringValue { ids.append(id) }
            for child in e.children ?? [] { if let c = child as? XMLElement { collect(c) } }
        }
        collect(root)
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("ilium-left") && ids.contains("ilium-left-2"))
        #expect(ids.contains("_3_weird__id__"))
        #expect(ids.allSatisfy { id in id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) } })
        #expect(try SVGWriter().write(scene()) == svg)
    }

    @Test func itemsCarryTitlesMetadataAndStyles() throws {
        let root = try parse(try SVGWriter().write(scene()))
        let path = try #require(root.elements(forName: "g")[0].elements(forName: "path").first)
        #expect(path.elements(forName: "title").first?.stringValue == "Ilium (left)")
        #expect(path.attr("data-kind")?.stringValue == "bone")
        #expect(path.attr("data-laterality")?.stringValue == "left")
        #expect(path.attr("data-source-id")?.stringValue == "x<y")
        #expect(path.attr("fill-rule")?.stringValue == "evenodd")
        #expect(path.attr("fill-opacity")?.stringValue == "0.502")
        #expect(path.attr("stroke-linejoin")?.stringValue == "miter")
        #expect(path.attr("stroke-linecap")?.stringValue == "square")
        #expect(path.attr("stroke-miterlimit")?.stringValue == "6")
        #expect(path.attr("stroke-dasharray")?.stringValue == "2 1")
        #expect(path.attr("stroke-dashoffset")?.stringValue == "0.5")
        // Posterior view: body (30, 20), the patient's left, is the viewport's top-left (page (0, 0));
        // body (0, 0) is the page centre, so body (−30, 20) lands at the page's right edge.
        #expect(path.attr("d")?.stringValue == "M60 0 L30 0 L30 20 Z")
    }

    @Test func ellipsesRotateTheSameWayAsTheRaster() throws {
        let root = try parse(try SVGWriter().write(scene()))
        let ellipse = try #require(root.elements(forName: "g")[0].elements(forName: "ellipse").first)
        #expect(ellipse.attr("cx")?.stringValue == "20")
        #expect(ellipse.attr("cy")?.stringValue == "25")
        #expect(ellipse.attr("transform")?.stringValue == "rotate(-30 20 25)")
        #expect(root.elements(forName: "g")[0].elements(forName: "circle").count == 1)
    }

    @Test func textHasAHaloAndEscapedLines() throws {
        let root = try parse(try SVGWriter().write(scene()))
        let text = try #require(root.elements(forName: "g")[1].elements(forName: "text").first)
        #expect(text.attr("paint-order")?.stringValue == "stroke")
        #expect(text.attr("stroke")?.stringValue == "#ffffff")
        #expect(text.attr("stroke-width")?.stringValue == "1")
        #expect(text.attr("text-anchor")?.stringValue == "middle")
        #expect(text.attr("font-size")?.stringValue == "3")
        let spans = text.elements(forName: "tspan")
        #expect(spans.map(\.stringValue) == ["a < b & \"c\"", "second line"])
        // Top-aligned at page y 20: first baseline one ascent lower.
        #expect(spans.first?.attr("y")?.stringValue == SVGNumber.format(20 + 0.928 * 3))
        #expect(text.elements(forName: "title").first?.stringValue == "A label")
    }

    @Test func markersAreWrittenAsPaths() throws {
        let root = try parse(try SVGWriter().write(scene()))
        let marker = try #require(root.elements(forName: "g")[1].elements(forName: "path").first)
        #expect(marker.attr("data-marker")?.stringValue == "target")
    }

    @Test func numbersAreDeterministic() {
        #expect(SVGNumber.format(0) == "0")
        #expect(SVGNumber.format(-0.0001) == "0")
        #expect(SVGNumber.format(1.23456) == "1.235")
        #expect(SVGNumber.format(-2.5) == "-2.5")
        #expect(SVGNumber.format(10) == "10")
        #expect(SVGNumber.format(.nan) == "0")
    }

    @Test func invalidScenesThrow() {
        var bad = scene()
        bad.add(.path("nan", ScenePath([Subpath(body: [Point(.nan, 0), Point(1, 1)], closed: false)]), style: .fill(.black)), to: "bone")
        #expect(throws: RenderError.invalidItem(id: "nan", reason: "a path coordinate is not finite")) { try SVGWriter().write(bad) }
        var duplicate = scene()
        duplicate.layers.append(Layer(id: "bone", title: "again"))
        #expect(throws: RenderError.duplicateLayer(id: "bone")) { try SVGWriter().write(duplicate) }
    }
}
