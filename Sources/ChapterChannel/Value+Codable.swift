extension Value: Codable {
    /// The kinds of value, each the one key of its object on the wire.
    enum CodingKeys: String, CodingKey {
        case double, float, int, bool, string, array, other
    }

    /// Decodes a value, parsing numbers from their text.
    /// - Throws: `DecodingError` when the object has no known kind, or a
    ///   number's text does not parse.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let kind = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "a value without a kind"))
        }
        func number(_ parse: (String) -> Double?) throws -> (Double, String) {
            let text = try container.decode(String.self, forKey: kind)
            guard let x = parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: kind, in: container, debugDescription: "not a number: \(text)")
            }
            return (x, text)
        }
        switch kind {
        case .double:
            let (x, text) = try number(Value.double(parsing:))
            self = .double(x, text: text)
        case .float:
            let text = try container.decode(String.self, forKey: kind)
            guard let x = Float(text) ?? Value.double(parsing: text).map(Float.init) else {
                throw DecodingError.dataCorruptedError(forKey: kind, in: container, debugDescription: "not a number: \(text)")
            }
            self = .float(x, text: text)
        case .int: self = .integer(text: try container.decode(String.self, forKey: kind))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: kind))
        case .string: self = .string(try container.decode(String.self, forKey: kind))
        case .array: self = .array(try container.decode([Value].self, forKey: kind))
        case .other: self = .other(try container.decode(String.self, forKey: kind))
        }
    }

    /// Encodes a value, numbers as their text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .double(_, let text): try container.encode(text, forKey: .double)
        case .float(_, let text): try container.encode(text, forKey: .float)
        case .int(_, let text): try container.encode(text, forKey: .int)
        case .bool(let b): try container.encode(b, forKey: .bool)
        case .string(let s): try container.encode(s, forKey: .string)
        case .array(let items): try container.encode(items, forKey: .array)
        case .other(let s): try container.encode(s, forKey: .other)
        }
    }
}
