import Testing
@testable import ClunealAnatomy

/// An item's sources are listed once each, whatever field of the item names them (a zone's
/// own source may also be the source of its spreads).
@Suite("Atlas item sources")
struct AtlasItemSourcesTests {
    @Test func everyItemNamesEachSourceOnce() throws {
        let atlas = try TestFiles.defaultAtlas()
        for item in atlas.items {
            #expect(Set(item.sourceIds).count == item.sourceIds.count, "\(item.id): \(item.sourceIds)")
        }
        // The zone whose mean and both spreads come from one study names it once.
        let zone = try #require(atlas.item("icn-ischial.pfcn-hamstring-cadaver"))
        #expect(zone.sourceIds == ["pfcn-hamstring-cadaver"])
    }
}
