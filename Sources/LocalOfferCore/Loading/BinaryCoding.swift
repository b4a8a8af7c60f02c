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
        try value.encode(to: BEncoder(box: root, keys: keys, codingPath: []))
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
        return try T(from: BDecoder(reader: reader, value: root, depth: 0, codingPath: []))
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

// MARK: - Decoding

/// The snapshot's bytes, borrowed for the length of one decode, and its key names.
final class Reader {
    let base: UnsafeRawBufferPointer
    let count: Int
    var keyNames: [String] = []

    init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        self.count = base.count
    }

    /// A value's payload: [start, end) in the bytes, or nil.
    struct Value {
        var start: Int
        var end: Int
        var isNil: Bool
    }

    /// Reads a varint at `p`, never past `end` (itself never past the bytes).
    func varint(_ p: inout Int, end: Int) throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard p < end, p >= 0, end <= count else { throw BinaryCoding.Failure("a number runs past its value") }
            let b = base.load(fromByteOffset: p, as: UInt8.self)
            p += 1
            guard shift < 64 else { throw BinaryCoding.Failure("a number is too long") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }

    func value(_ p: inout Int, end: Int) throws -> Value {
        let tag = try varint(&p, end: end)
        if tag == 0 { return Value(start: p, end: p, isNil: true) }
        guard tag - 1 <= UInt64(end - p) else { throw BinaryCoding.Failure("a value runs past its container") }
        let v = Value(start: p, end: p + Int(tag - 1), isNil: false)
        p = v.end
        return v
    }

    func string(_ start: Int, _ end: Int) -> String {
        guard start >= 0, start <= end, end <= count else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[start..<end]), as: UTF8.self)
    }
}

/// Coding paths are not tracked while decoding: a damaged snapshot is rebuilt, not reported field
/// by field, and an array per field was most of the decode's allocations.
struct BDecoder: Decoder {
    let reader: Reader
    let value: Reader.Value
    let depth: Int
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func checkedDepth() throws -> Int {
        guard depth < BinaryCoding.maxDepth else { throw BinaryCoding.Failure("values nested too deep") }
        return depth + 1
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard !value.isNil else { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "nil")) }
        return KeyedDecodingContainer(try KeyedDecoder<Key>(decoder: self, depth: checkedDepth()))
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard !value.isNil else { throw DecodingError.valueNotFound([Any].self, .init(codingPath: codingPath, debugDescription: "nil")) }
        return try UnkeyedDecoder(decoder: self, depth: checkedDepth())
    }
    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleDecoder(decoder: self) }

    /// Decodes `T` from `v`: primitives directly, anything else through its own `init(from:)`.
    static func decode<T: Decodable>(_ type: T.Type, _ v: Reader.Value, reader: Reader, depth: Int, path: [CodingKey]) throws -> T {
        // A nil goes to the type's own decoding too: `Optional` reads it as `.none`, and any other
        // type's container refuses it.
        if let p = try primitive(type, v, reader: reader) { return p }
        return try T(from: BDecoder(reader: reader, value: v, depth: depth, codingPath: path))
    }

    static func primitive<T>(_ type: T.Type, _ v: Reader.Value, reader: Reader) throws -> T? {
        // Called only after `type == U.self` is checked below: the same type, so the cast is a
        // no-op (a dynamic cast here cost more than the value's own decoding).
        func out<U>(_ u: U) throws -> T {
            guard type == U.self else { throw BinaryCoding.Failure("type mismatch") }
            guard !v.isNil else { throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "nil")) }
            return unsafeBitCast(u, to: T.self)
        }
        func signed() throws -> Int64 {
            var p = v.start
            return Varint.unzigzag(try reader.varint(&p, end: v.end))
        }
        func unsigned() throws -> UInt64 {
            var p = v.start
            return try reader.varint(&p, end: v.end)
        }
        func fits<I: FixedWidthInteger>(_ x: Int64, _: I.Type) throws -> I {
            guard let i = I(exactly: x) else { throw BinaryCoding.Failure("a number does not fit") }
            return i
        }
        func fitsU<I: FixedWidthInteger>(_ x: UInt64, _: I.Type) throws -> I {
            guard let i = I(exactly: x) else { throw BinaryCoding.Failure("a number does not fit") }
            return i
        }
        func bits() throws -> UInt64 {
            guard v.end - v.start == 8 else { throw BinaryCoding.Failure("a float is not 8 bytes") }
            return UInt64(littleEndian: reader.base.loadUnaligned(fromByteOffset: v.start, as: UInt64.self))
        }
        if type == String.self { return try out(reader.string(v.start, v.end)) }
        if type == Int.self { return try out(try fits(try signed(), Int.self)) }
        if type == Bool.self {
            guard v.end - v.start == 1 else { throw BinaryCoding.Failure("a Bool is not one byte") }
            return try out(reader.base.load(fromByteOffset: v.start, as: UInt8.self) != 0)
        }
        if type == Double.self { return try out(Double(bitPattern: try bits())) }
        if type == Int8.self { return try out(try fits(try signed(), Int8.self)) }
        if type == Int16.self { return try out(try fits(try signed(), Int16.self)) }
        if type == Int32.self { return try out(try fits(try signed(), Int32.self)) }
        if type == Int64.self { return try out(try signed()) }
        if type == UInt.self { return try out(try fitsU(try unsigned(), UInt.self)) }
        if type == UInt8.self { return try out(try fitsU(try unsigned(), UInt8.self)) }
        if type == UInt16.self { return try out(try fitsU(try unsigned(), UInt16.self)) }
        if type == UInt32.self { return try out(try fitsU(try unsigned(), UInt32.self)) }
        if type == UInt64.self { return try out(try unsigned()) }
        if type == Float.self {
            guard let b = UInt32(exactly: try bits()) else { throw BinaryCoding.Failure("a float does not fit") }
            return try out(Float(bitPattern: b))
        }
        return nil
    }
}

struct KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    let depth: Int
    var codingPath: [CodingKey]
    let keys: [Int]
    let values: [Reader.Value]
    /// Fields are asked for in the order they were written, so the search starts after the last hit.
    final class Cursor { var next = 0 }
    let cursor = Cursor()

    init(decoder: BDecoder, depth: Int) throws {
        reader = decoder.reader
        self.depth = depth
        codingPath = decoder.codingPath
        var keys: [Int] = []
        var values: [Reader.Value] = []
        var p = decoder.value.start
        let names = reader.keyNames.count
        while p < decoder.value.end {
            let k = try reader.varint(&p, end: decoder.value.end)
            guard k < UInt64(names) else { throw BinaryCoding.Failure("an unknown key number") }
            keys.append(Int(k))
            values.append(try reader.value(&p, end: decoder.value.end))
        }
        self.keys = keys
        self.values = values
    }

    func find(_ key: Key) -> Reader.Value? {
        let name = key.stringValue
        let n = keys.count
        guard n > 0 else { return nil }
        let first = cursor.next < n ? cursor.next : 0
        var i = first
        repeat {
            if reader.keyNames[keys[i]] == name {
                cursor.next = i + 1
                return values[i]
            }
            i = i + 1 < n ? i + 1 : 0
        } while i != first
        return nil
    }

    func required(_ key: Key) throws -> Reader.Value {
        guard let v = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "absent"))
        }
        return v
    }

    var allKeys: [Key] { keys.compactMap { Key(stringValue: reader.keyNames[$0]) } }
    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try required(key).isNil }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try BDecoder.decode(type, try required(key), reader: reader, depth: depth, path: codingPath)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = find(key), !v.isNil else { return nil }
        return try BDecoder.decode(type, v, reader: reader, depth: depth, path: codingPath)
    }
    func nested(_ key: Key) throws -> BDecoder {
        BDecoder(reader: reader, value: try required(key), depth: depth, codingPath: codingPath)
    }
    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        try nested(key).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try nested(key).unkeyedContainer() }
    func superDecoder() throws -> Decoder {
        guard let i = keys.firstIndex(where: { reader.keyNames[$0] == SuperKey.super.stringValue }) else {
            throw BinaryCoding.Failure("no super value")
        }
        return BDecoder(reader: reader, value: values[i], depth: depth, codingPath: codingPath)
    }
    func superDecoder(forKey key: Key) throws -> Decoder { try nested(key) }
}

struct UnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: Reader
    let depth: Int
    var codingPath: [CodingKey]
    let end: Int
    var position: Int
    var count: Int?
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(decoder: BDecoder, depth: Int) throws {
        reader = decoder.reader
        self.depth = depth
        codingPath = decoder.codingPath
        end = decoder.value.end
        position = decoder.value.start
        let n = try reader.varint(&position, end: end)
        // Every value takes at least one byte: a count beyond the bytes left is damage.
        guard n <= UInt64(end - position) else { throw BinaryCoding.Failure("a list claims more values than it holds") }
        count = Int(n)
    }

    mutating func next() throws -> Reader.Value {
        guard !isAtEnd else { throw BinaryCoding.Failure("read past the end of a list") }
        let v = try reader.value(&position, end: end)
        currentIndex += 1
        return v
    }
    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw BinaryCoding.Failure("read past the end of a list") }
        var p = position
        let v = try reader.value(&p, end: end)
        if v.isNil {
            position = p
            currentIndex += 1
        }
        return v.isNil
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        return try BDecoder.decode(type, try next(), reader: reader, depth: depth, path: codingPath)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        try BDecoder(reader: reader, value: try next(), depth: depth, codingPath: codingPath).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try BDecoder(reader: reader, value: try next(), depth: depth, codingPath: codingPath).unkeyedContainer()
    }
    mutating func superDecoder() throws -> Decoder {
        BDecoder(reader: reader, value: try next(), depth: depth, codingPath: codingPath)
    }
}

struct SingleDecoder: SingleValueDecodingContainer {
    let decoder: BDecoder
    var codingPath: [CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value.isNil }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BDecoder.decode(type, decoder.value, reader: decoder.reader, depth: decoder.checkedDepth(), path: codingPath)
    }
}
