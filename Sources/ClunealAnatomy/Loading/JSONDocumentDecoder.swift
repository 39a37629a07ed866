import Foundation

/// Decodes a Codable document from bytes, reporting any problem with file, JSON path and line.
///
/// Public so that the other data files kept beside the atlas (the symptom catalogue, the
/// teaching guide) report their problems the same way.
public enum JSONDocumentDecoder {
    /// Checks the syntax (duplicate keys, line of every value), then decodes `T`. Throws the
    /// first problem with the file, JSON path and line. With `strict` (the default) a key
    /// that `T` does not read is an error naming the key and the nearest known one.
    public static func decode<T: Decodable>(_ type: T.Type, from input: AtlasInput, strict: Bool = true) throws(AtlasError) -> (T, JSONSourceMap) {
        let map: JSONSourceMap
        do {
            map = try JSONSourceMap(bytes: input.bytes)
        } catch {
            throw AtlasError(problem(for: error), at: location(for: error, file: input.file))
        }
        do {
            let value = try JSONDecoder().decode(T.self, from: Data(input.bytes))
            if strict, let unknown = KeyRecordingDecoder.unknownKeys(T.self, in: input.bytes).flatMap(\.first) {
                let path = unknown.path.appending(unknown.key)
                throw AtlasError(.unknownKey(unknown.key, suggestion: unknown.suggestion),
                                 at: SourceLocation(file: input.file, path: path, line: map.line(for: path)))
            }
            return (value, map)
        } catch let error as AtlasError {
            throw error
        } catch let error as DecodingError {
            throw translate(error, file: input.file, map: map)
        } catch {
            throw AtlasError(.syntax(String(describing: error)), at: SourceLocation(file: input.file))
        }
    }

    private static func problem(for error: JSONSourceMap.Problem) -> AtlasProblem {
        switch error {
        case .syntax(let message, _, _): .syntax(message)
        case .duplicateKey(let key, _, _): .duplicateKey(key)
        case .tooDeep: .tooDeeplyNested
        case .tooManyValues: .tooManyValues(JSONSourceMap.maxValues)
        case .notUTF8(let p): .notUTF8(p)
        }
    }

    private static func location(for error: JSONSourceMap.Problem, file: String) -> SourceLocation {
        switch error {
        case .syntax(_, let line, let column): SourceLocation(file: file, line: line, column: column)
        case .duplicateKey(_, let path, let line): SourceLocation(file: file, path: path, line: line)
        case .tooDeep(let line), .tooManyValues(let line): SourceLocation(file: file, line: line)
        case .notUTF8(let p): SourceLocation(file: file, line: p.line)
        }
    }

    private static func translate(_ error: DecodingError, file: String, map: JSONSourceMap) -> AtlasError {
        func at(_ path: JSONPath) -> SourceLocation {
            SourceLocation(file: file, path: path, line: map.line(for: path))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let path = JSONPath(codingPath: context.codingPath)
            return AtlasError(.missingField(key.stringValue), at: at(path))
        case .typeMismatch(let type, let context):
            return AtlasError(.wrongType(expected: describe(type)), at: at(JSONPath(codingPath: context.codingPath)))
        case .valueNotFound(let type, let context):
            return AtlasError(.wrongType(expected: describe(type) + ", not null"), at: at(JSONPath(codingPath: context.codingPath)))
        case .dataCorrupted(let context):
            let path = JSONPath(codingPath: context.codingPath)
            let detail = context.debugDescription
            if detail.contains("Cannot initialize") {
                // An enum raw value that is not one of the cases.
                return AtlasError(.invalidValue(enumMessage(detail)), at: at(path))
            }
            return AtlasError(.invalidValue(detail), at: at(path))
        @unknown default:
            return AtlasError(.syntax(String(describing: error)), at: SourceLocation(file: file))
        }
    }

    /// `Cannot initialize Side from invalid String value up` → `"up" is not a valid side`.
    static func enumMessage(_ detail: String) -> String {
        let prefix = "Cannot initialize ", marker = " value "
        guard let start = detail.range(of: prefix), let from = detail.range(of: " from invalid ", range: start.upperBound..<detail.endIndex),
              let value = detail.range(of: marker, range: from.upperBound..<detail.endIndex) else {
            return detail.replacingOccurrences(of: prefix, with: "not a valid ")
        }
        let typeName = String(detail[start.upperBound..<from.lowerBound])
        var words = ""
        for c in typeName {
            if c.isUppercase, !words.isEmpty { words += " " }
            words += c.lowercased()
        }
        let text = String(detail[value.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return "\"\(text)\" is not a valid \(words)"
    }

    private static func describe(_ type: Any.Type) -> String {
        if type is Double.Type || type is Int.Type { return "a number" }
        if type is String.Type { return "a string" }
        if type is Bool.Type { return "true or false" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return name == "Point" ? "a point [x, z]" : "an object (\(name))"
    }
}
