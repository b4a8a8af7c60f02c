import Foundation

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
        if let b = try block(type, v, reader: reader) { return b }
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
    let start: Int
    let end: Int
    /// Fields are asked for in the order they were written, so the search starts where the last
    /// hit ended, reading the fields in place (no table of them is built per container).
    final class Cursor { var next = 0 }
    let cursor = Cursor()

    init(decoder: BDecoder, depth: Int) throws {
        reader = decoder.reader
        self.depth = depth
        codingPath = decoder.codingPath
        start = decoder.value.start
        end = decoder.value.end
        cursor.next = start
        // Every field checked once, up front: a damaged container throws here, not half-way.
        var p = start
        let names = reader.keyNames.count
        while p < end {
            let k = try reader.varint(&p, end: end)
            guard k < UInt64(names) else { throw BinaryCoding.Failure("an unknown key number") }
            _ = try reader.value(&p, end: end)
        }
    }

    /// The field at `p` (already checked by the initialiser).
    func field(_ p: inout Int) -> (key: Int, value: Reader.Value)? {
        guard let k = try? reader.varint(&p, end: end), let v = try? reader.value(&p, end: end), k < UInt64(reader.keyNames.count) else {
            return nil
        }
        return (Int(k), v)
    }

    func find(_ key: Key) -> Reader.Value? {
        guard start < end else { return nil }
        let name = key.stringValue
        let first = cursor.next < end ? cursor.next : start
        var p = first
        repeat {
            guard let f = field(&p) else { return nil }
            if reader.keyNames[f.key] == name {
                cursor.next = p
                return f.value
            }
            if p >= end { p = start }
        } while p != first
        return nil
    }

    func required(_ key: Key) throws -> Reader.Value {
        guard let v = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "absent"))
        }
        return v
    }

    var fields: [(key: Int, value: Reader.Value)] {
        var out: [(key: Int, value: Reader.Value)] = []
        var p = start
        while p < end, let f = field(&p) { out.append(f) }
        return out
    }

    var allKeys: [Key] { fields.compactMap { Key(stringValue: reader.keyNames[$0.key]) } }
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
        guard let f = fields.first(where: { reader.keyNames[$0.key] == SuperKey.super.stringValue }) else {
            throw BinaryCoding.Failure("no super value")
        }
        return BDecoder(reader: reader, value: f.value, depth: depth, codingPath: codingPath)
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
