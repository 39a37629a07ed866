/// A path into a JSON document, written like `$.zones[3].lateral.sd`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    public var description: String {
        var s = "$"
        for c in components {
            switch c {
            case .key(let k):
                if k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !k.isEmpty { s += ".\(k)" } else { s += "[\"\(k)\"]" }
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// The path of a `DecodingError`'s coding path.
    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let i = key.intValue { return .index(i) }
            return .key(key.stringValue)
        }
    }
}
