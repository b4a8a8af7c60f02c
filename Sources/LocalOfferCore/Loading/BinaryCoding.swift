import Foundation

/// A compact binary form of any `Codable` value, for the content snapshot. JSON decoding of the
/// shipped content cost a whole `search` about a third of its time; this form needs no text
/// scanning, no number parsing and no dictionary per object.
///
/// It codes whatever the model types code (their own `Codable`), so a field added to a model type
/// is carried without anyone touching this file.
///
/// Layout: varint count of key names, each name (varint length, UTF-8), then the root value.
/// A value is a varint `tag` (0: nil; else its payload's length plus one) and the payload:
/// - a scalar: a string's UTF-8, an integer as a zigzag varint, a float's bits (little-endian), a
///   Bool as one byte;
/// - a keyed container: (varint key number, value) pairs;
/// - an unkeyed container: a varint count, then its values.
/// Every read is checked against the payload it lies in, nesting is bounded, and a conversion that
/// would not fit throws: a damaged file is an error, never a crash.
enum BinaryCoding {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Deeper than any model type nests; only a damaged or crafted file goes further.
    static let maxDepth = 64

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Box()
        let keys = KeyTable()
        try BEncoder.fill(root, with: value, keys: keys, codingPath: [])
        var out: [UInt8] = []
        Varint.put(UInt64(keys.names.count), into: &out)
        for name in keys.names {
            let bytes = Array(name.utf8)
            Varint.put(UInt64(bytes.count), into: &out)
            out += bytes
        }
        root.write(into: &out)
        return out
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let reader = Reader(bytes)
        var p = 0
        let count = try reader.varint(&p, end: reader.count)
        guard count <= 65_536 else { throw Failure("too many key names") }
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for _ in 0..<count {
            let length = try reader.varint(&p, end: reader.count)
            guard length <= UInt64(reader.count - p) else { throw Failure("a key name runs past the end") }
            let end = p + Int(length)
            names.append(reader.string(p, end))
            p = end
        }
        reader.keyNames = names
        let root = try reader.value(&p, end: reader.count)
        guard p == reader.count else { throw Failure("bytes after the root value") }
        return try BDecoder.decode(T.self, root, reader: reader, depth: 0, path: [])
    }
}

// MARK: - Varints

enum Varint {
    static func put(_ v: UInt64, into out: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }
}

// MARK: - Encoding

/// One value being encoded: a scalar, a keyed or an unkeyed container. Containers fill it in as the
/// value's `encode(to:)` runs; it is written out once complete, so every length is known.
final class Box {
    enum Kind { case empty, null, scalar, keyed, unkeyed }
    var kind = Kind.empty
    var bytes: [UInt8] = []
    var fields: [(Int, Box)] = []
    var items: [Box] = []

    func write(into out: inout [UInt8]) {
        var payload: [UInt8] = []
        switch kind {
        case .null:
            out.append(0)
            return
        case .empty, .scalar:
            payload = bytes
        case .keyed:
            for (key, box) in fields {
                Varint.put(UInt64(key), into: &payload)
                box.write(into: &payload)
            }
        case .unkeyed:
            Varint.put(UInt64(items.count), into: &payload)
            for box in items { box.write(into: &payload) }
        }
        Varint.put(UInt64(payload.count) + 1, into: &out)
        out += payload
    }

    func scalar(_ b: [UInt8]) {
        kind = .scalar
        bytes = b
    }
}

final class KeyTable {
    var names: [String] = []
    var numbers: [String: Int] = [:]
    func number(_ key: CodingKey) -> Int {
        if let n = numbers[key.stringValue] { return n }
        names.append(key.stringValue)
        numbers[key.stringValue] = names.count - 1
        return names.count - 1
    }
}

/// Scalars as bytes, shared by the three kinds of container.
enum Scalar {
    static func int(_ v: Int64) -> [UInt8] {
        var out: [UInt8] = []
        Varint.put(Varint.zigzag(v), into: &out)
        return out
    }
    static func uint(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        Varint.put(v, into: &out)
        return out
    }
    static func bits(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// The primitive types' bytes, or nil for a type that codes itself.
    static func bytes<T>(_ value: T) -> [UInt8]? {
        switch value {
        case let v as String: return Array(v.utf8)
        case let v as Bool: return [v ? 1 : 0]
        case let v as Int: return int(Int64(v))
        case let v as Int8: return int(Int64(v))
        case let v as Int16: return int(Int64(v))
        case let v as Int32: return int(Int64(v))
        case let v as Int64: return int(v)
        case let v as UInt: return uint(UInt64(v))
        case let v as UInt8: return uint(UInt64(v))
        case let v as UInt16: return uint(UInt64(v))
        case let v as UInt32: return uint(UInt64(v))
        case let v as UInt64: return uint(v)
        case let v as Double: return bits(v.bitPattern)
        case let v as Float: return bits(UInt64(v.bitPattern))
        default: return nil
        }
    }
}

struct BEncoder: Encoder {
    let box: Box
    let keys: KeyTable
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if box.kind != .keyed { box.kind = .keyed }
        return KeyedEncodingContainer(KeyedEncoder<Key>(box: box, keys: keys, codingPath: codingPath))
    }
    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if box.kind != .unkeyed { box.kind = .unkeyed }
        return UnkeyedEncoder(box: box, keys: keys, codingPath: codingPath)
    }
    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleEncoder(box: box, keys: keys, codingPath: codingPath)
    }

    static func fill<T: Encodable>(_ box: Box, with value: T, keys: KeyTable, codingPath: [CodingKey]) throws {
        if let b = Scalar.bytes(value) { box.scalar(b); return }
        if let block = value as? any BinaryBlock {
            var bytes: [UInt8] = []
            try block.putBlock(into: &bytes)
            box.scalar(bytes)
            return
        }
        try value.encode(to: BEncoder(box: box, keys: keys, codingPath: codingPath))
    }
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    let keys: KeyTable
    var codingPath: [CodingKey]

    func child(_ key: Key) -> Box {
        let b = Box()
        box.fields.append((keys.number(key), b))
        return b
    }
    mutating func encodeNil(forKey key: Key) throws { child(key).kind = .null }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try BEncoder.fill(child(key), with: value, keys: keys, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        BEncoder(box: child(key), keys: keys, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        BEncoder(box: child(key), keys: keys, codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder {
        let b = Box()
        box.fields.append((keys.number(SuperKey.super), b))
        return BEncoder(box: b, keys: keys, codingPath: codingPath)
    }
    mutating func superEncoder(forKey key: Key) -> Encoder { BEncoder(box: child(key), keys: keys, codingPath: codingPath + [key]) }
}

struct SuperKey: CodingKey {
    static let `super` = SuperKey(stringValue: "super")
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

struct IndexKey: CodingKey {
    var stringValue: String { "\(index)" }
    var intValue: Int? { index }
    let index: Int
    init(_ i: Int) { index = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let box: Box
    let keys: KeyTable
    var codingPath: [CodingKey]
    var count: Int { box.items.count }

    func child() -> Box {
        let b = Box()
        box.items.append(b)
        return b
    }
    mutating func encodeNil() throws { child().kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try BEncoder.fill(child(), with: value, keys: keys, codingPath: codingPath + [IndexKey(count)])
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
        BEncoder(box: child(), keys: keys, codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        BEncoder(box: child(), keys: keys, codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { BEncoder(box: child(), keys: keys, codingPath: codingPath) }
}

struct SingleEncoder: SingleValueEncodingContainer {
    let box: Box
    let keys: KeyTable
    var codingPath: [CodingKey]
    mutating func encodeNil() throws { box.kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try BEncoder.fill(box, with: value, keys: keys, codingPath: codingPath)
    }
}
