/// Which data file an output came from: `{"id", "version"}`, the one shape every command
/// writes for the atlas (and for the symptom catalogue and guide).
public struct AtlasReference: Encodable, Hashable, Sendable {
    public let id: String
    public let version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }

    public init(_ atlas: Atlas) { self.init(id: atlas.id, version: atlas.version) }
}
