/// The bytes of one input file and the name to use for it in messages.
public struct AtlasInput: Sendable {
    public var file: String
    public var bytes: [UInt8]
    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }
}
