import Foundation

/// Finds the keys of a JSON document that its `Decodable` type never reads: misspellings
/// (`"heigth"`) and leftovers that `JSONDecoder` silently ignores.
///
/// It decodes the document a second time (after `JSONDecoder` has accepted it) through a
/// decoder that records, for every object, which keys the type asked for. Synthesised
/// `Decodable` asks for every key it knows, present or not (`decodeIfPresent`), so the keys
/// asked are the type's keys and anything else in the object is unknown. An object whose
/// type reads it some other way (a single value, an array) is not judged.
enum KeyRecordingDecoder {
    /// An object member no type reads.
    struct UnknownKey: Hashable {
        var path: JSONPath
        var key: String
        /// The known key nearest in spelling, if one is close.
        var suggestion: String?
    }

    /// The unknown keys of `bytes` for `T`, sorted by path; `nil` when the second decoding
    /// failed (then nothing can be judged; the tests decode every committed file this way).
    static func unknownKeys<T: Decodable>(_ type: T.Type, in bytes: [UInt8]) -> [UnknownKey]? {
        guard let tree = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        let recorder = Recorder()
        guard (try? T(from: Node(value: tree, path: .root, recorder: recorder))) != nil else { return nil }
        var unknown: [UnknownKey] = []
        func walk(_ value: Any, _ path: JSONPath) {
            if let object = value as? [String: Any] {
                if let asked = recorder.asked[path] {
                    for key in object.keys.sorted() where !asked.contains(key) {
                        unknown.append(UnknownKey(path: path, key: key, suggestion: nearest(key, in: asked)))
                    }
                }
                for (k, v) in object where recorder.asked[path]?.contains(k) ?? true { walk(v, path.appending(k)) }
            } else if let array = value as? [Any] {
                for (i, v) in array.enumerated() { walk(v, path.appending(i)) }
            }
        }
        walk(tree, .root)
        return unknown
    }

    /// Every object path of `bytes` with the keys `T` asked of it; `nil` when the second
    /// decoding failed.
    static func askedKeys<T: Decodable>(_ type: T.Type, in bytes: [UInt8]) -> [JSONPath: Set<String>]? {
        guard let tree = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        let recorder = Recorder()
        guard (try? T(from: Node(value: tree, path: .root, recorder: recorder))) != nil else { return nil }
        return recorder.asked
    }

    /// The known key closest to `key`: same letters ignoring case and separators, or at most
    /// a third of its length in edits.
    static func nearest(_ key: String, in known: Set<String>) -> String? {
        func fold(_ s: String) -> String { s.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let same = known.sorted().first(where: { fold($0) == fold(key) }) { return same }
        let limit = Spelling.editLimit(forLength: key.count)
        let scored = known.map { ($0, Spelling.editDistance(key.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    final class Recorder {
        var asked: [JSONPath: Set<String>] = [:]
        func ask(_ key: String, at path: JSONPath) { asked[path, default: []].insert(key) }
        func open(_ path: JSONPath) { if asked[path] == nil { asked[path] = [] } }
    }

    struct Failure: Error {}

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
    }

    /// A decoder over a `JSONSerialization` tree that records the keys asked of each object.
    struct Node: Decoder {
        let value: Any
        let path: JSONPath
        let recorder: Recorder
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(value: Any, path: JSONPath, recorder: Recorder) {
            self.value = value
            self.path = path
            self.recorder = recorder
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard let object = value as? [String: Any] else { throw Failure() }
            recorder.open(path)
            return KeyedDecodingContainer(Keyed<Key>(object: object, node: self))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard let array = value as? [Any] else { throw Failure() }
            return Unkeyed(array: array, node: self)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(node: self) }

        func child(_ value: Any, _ component: JSONPath) -> Node { Node(value: value, path: component, recorder: recorder) }
    }

    static func scalar<T>(_ value: Any, as type: T.Type) throws -> T {
        if value is NSNull { throw Failure() }
        if let t = value as? T { return t }
        if let n = value as? NSNumber {
            let converted: Any? = switch type {
            case is Double.Type: n.doubleValue
            case is Float.Type: n.floatValue
            case is Int.Type: n.intValue
            case is Int32.Type: n.int32Value
            case is Int64.Type: n.int64Value
            case is UInt64.Type: n.uint64Value
            case is UInt.Type: n.uintValue
            default: nil
            }
            if let t = converted as? T { return t }
        }
        throw Failure()
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: [String: Any]
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool {
            node.recorder.ask(key.stringValue, at: node.path)
            return object[key.stringValue] != nil
        }

        private func raw(_ key: Key) throws -> Any {
            node.recorder.ask(key.stringValue, at: node.path)
            guard let v = object[key.stringValue] else { throw Failure() }
            return v
        }

        func decodeNil(forKey key: Key) throws -> Bool { try raw(key) is NSNull }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(raw(key), as: type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(raw(key), as: type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(raw(key), as: type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(raw(key), as: type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let v = try raw(key)
            return try T(from: node.child(v, node.path.appending(key.stringValue)))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try node.child(raw(key), node.path.appending(key.stringValue)).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try node.child(raw(key), node.path.appending(key.stringValue)).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder { node }
        func superDecoder(forKey key: Key) throws -> any Decoder { node.child(try raw(key), node.path.appending(key.stringValue)) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let array: [Any]
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count: Int? { array.count }
        var isAtEnd: Bool { currentIndex >= array.count }
        var currentIndex = 0

        init(array: [Any], node: Node) {
            self.array = array
            self.node = node
        }

        private mutating func next() throws -> (Any, JSONPath) {
            guard !isAtEnd else { throw Failure() }
            defer { currentIndex += 1 }
            return (array[currentIndex], node.path.appending(currentIndex))
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw Failure() }
            if array[currentIndex] is NSNull { currentIndex += 1; return true }
            return false
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (v, p) = try next()
            if T.self == Double.self || T.self == String.self || T.self == Bool.self || T.self == Int.self { return try scalar(v, as: type) }
            return try T(from: node.child(v, p))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let (v, p) = try next()
            return try node.child(v, p).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (v, p) = try next()
            return try node.child(v, p).unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Decoder {
            let (v, p) = try next()
            return node.child(v, p)
        }
    }

    struct Single: SingleValueDecodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { node.value is NSNull }
        func decode(_ type: Bool.Type) throws -> Bool { try scalar(node.value, as: type) }
        func decode(_ type: String.Type) throws -> String { try scalar(node.value, as: type) }
        func decode(_ type: Double.Type) throws -> Double { try scalar(node.value, as: type) }
        func decode(_ type: Int.Type) throws -> Int { try scalar(node.value, as: type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if T.self == Double.self || T.self == String.self || T.self == Bool.self || T.self == Int.self { return try scalar(node.value, as: type) }
            return try T(from: node)
        }
    }
}
