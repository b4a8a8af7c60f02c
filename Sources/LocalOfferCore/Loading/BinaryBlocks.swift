import Foundation

/// Collections the binary form codes in one piece instead of value by value: the search engine's
/// state is millions of integers and floats at 100,000 services, and a container per number would
/// cost more than building the index again. Any `Codable` type whose fields are such collections
/// (`[Int32]`, `[[Float]]`, `[String: Int32]`, `[[String]: Int]`, `Set<String>` …) gets this path
/// without saying so; every other value is coded through its own `Codable` as before.
///
/// Every read is checked against the value it lies in, so damaged bytes throw and never trap.
protocol BinaryBlock {
    func putBlock(into out: inout [UInt8]) throws
    static func takeBlock(_ r: Reader, _ v: Reader.Value) throws -> Self
}

/// A type that can be one element of a block.
protocol BinaryElement {
    /// The items, without their count (the block writes it once).
    static func put(_ items: [Self], into out: inout [UInt8]) throws
    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [Self]
}

/// A value whose bytes are the value: integers, floats, and structs of them only. Coded as its
/// memory, so it is read back only by the same build (the snapshot's key holds the executable) and
/// only as types for which every bit pattern is a value. A type that stops being plain (a string
/// field added) is refused at run time, so the snapshot is rebuilt, never misread.
protocol RawElement: BinaryElement {}

extension RawElement {
    static func put(_ items: [Self], into out: inout [UInt8]) throws {
        guard _isPOD(Self.self) else { throw BinaryCoding.Failure("\(Self.self) is not plain data") }
        items.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [Self] {
        guard _isPOD(Self.self) else { throw BinaryCoding.Failure("\(Self.self) is not plain data") }
        let stride = MemoryLayout<Self>.stride
        let (bytes, overflow) = count.multipliedReportingOverflow(by: stride)
        guard count >= 0, !overflow, p >= 0, end <= r.count, bytes <= end - p else {
            throw BinaryCoding.Failure("a list runs past its value")
        }
        let start = p
        let out = [Self](unsafeUninitializedCapacity: count) { buffer, initialised in
            if let base = buffer.baseAddress, let src = r.base.baseAddress, bytes > 0 {
                UnsafeMutableRawPointer(base).copyMemory(from: src + start, byteCount: bytes)
            }
            initialised = count
        }
        p += bytes
        return out
    }
}

extension Int: RawElement {}
extension Int8: RawElement {}
extension Int16: RawElement {}
extension Int32: RawElement {}
extension Int64: RawElement {}
extension UInt8: RawElement {}
extension UInt16: RawElement {}
extension UInt32: RawElement {}
extension UInt64: RawElement {}
extension Float: RawElement {}
extension Double: RawElement {}

extension String: BinaryElement {
    static func put(_ items: [String], into out: inout [UInt8]) throws {
        for s in items {
            var s = s
            s.withUTF8 { u in
                Varint.put(UInt64(u.count), into: &out)
                out.append(contentsOf: u)
            }
        }
    }

    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let length = try r.varint(&p, end: end)
            guard length <= UInt64(end - p) else { throw BinaryCoding.Failure("a text runs past its value") }
            let stop = p + Int(length)
            out.append(r.string(p, stop))
            p = stop
        }
        return out
    }
}

extension ClosedRange: BinaryElement where Bound == Int {
    static func put(_ items: [ClosedRange<Int>], into out: inout [UInt8]) throws {
        for x in items {
            Varint.put(Varint.zigzag(Int64(x.lowerBound)), into: &out)
            Varint.put(Varint.zigzag(Int64(x.upperBound)), into: &out)
        }
    }

    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let lo = Varint.unzigzag(try r.varint(&p, end: end)), hi = Varint.unzigzag(try r.varint(&p, end: end))
            guard let l = Int(exactly: lo), let h = Int(exactly: hi), l <= h else { throw BinaryCoding.Failure("a range is upside down") }
            out.append(l...h)
        }
        return out
    }
}

/// A list inside a list: its own count, then its elements.
extension Array: BinaryElement where Element: BinaryElement {
    static func put(_ items: [[Element]], into out: inout [UInt8]) throws {
        for list in items {
            Varint.put(UInt64(list.count), into: &out)
            try Element.put(list, into: &out)
        }
    }

    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [[Element]] {
        var out: [[Element]] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let n = try Self.boundedCount(r, &p, end: end)
            out.append(try Element.take(r, &p, end: end, count: n))
        }
        return out
    }

    /// A count no larger than the bytes left (every element takes at least one byte).
    static func boundedCount(_ r: Reader, _ p: inout Int, end: Int) throws -> Int {
        let n = try r.varint(&p, end: end)
        guard n <= UInt64(end - p) else { throw BinaryCoding.Failure("a list claims more values than it holds") }
        return Int(n)
    }
}

extension Array: BinaryBlock where Element: BinaryElement {
    func putBlock(into out: inout [UInt8]) throws {
        Varint.put(UInt64(count), into: &out)
        try Element.put(self, into: &out)
    }

    static func takeBlock(_ r: Reader, _ v: Reader.Value) throws -> [Element] {
        guard !v.isNil else { throw BinaryCoding.Failure("a list is nil") }
        var p = v.start
        let n = try boundedCount(r, &p, end: v.end)
        let out = try Element.take(r, &p, end: v.end, count: n)
        guard p == v.end else { throw BinaryCoding.Failure("bytes after a list") }
        return out
    }
}

/// Keys, then values, in the same order.
extension Dictionary: BinaryBlock where Key: BinaryElement, Value: BinaryElement {
    func putBlock(into out: inout [UInt8]) throws {
        Varint.put(UInt64(count), into: &out)
        try Key.put(Array(keys), into: &out)
        try Value.put(Array(values), into: &out)
    }

    static func takeBlock(_ r: Reader, _ v: Reader.Value) throws -> [Key: Value] {
        guard !v.isNil else { throw BinaryCoding.Failure("a table is nil") }
        var p = v.start
        let n = try [Key].boundedCount(r, &p, end: v.end)
        let keys = try Key.take(r, &p, end: v.end, count: n)
        let values = try Value.take(r, &p, end: v.end, count: n)
        guard p == v.end else { throw BinaryCoding.Failure("bytes after a table") }
        var out: [Key: Value] = [:]
        out.reserveCapacity(n)
        for (k, x) in zip(keys, values) { out[k] = x }
        // A key twice is damage, not a value to pick one of.
        guard out.count == n else { throw BinaryCoding.Failure("a table repeats a key") }
        return out
    }
}

extension Set: BinaryBlock where Element: BinaryElement {
    func putBlock(into out: inout [UInt8]) throws {
        Varint.put(UInt64(count), into: &out)
        try Element.put(Array(self), into: &out)
    }

    static func takeBlock(_ r: Reader, _ v: Reader.Value) throws -> Set<Element> {
        guard !v.isNil else { throw BinaryCoding.Failure("a set is nil") }
        var p = v.start
        let n = try [Element].boundedCount(r, &p, end: v.end)
        let items = try Element.take(r, &p, end: v.end, count: n)
        guard p == v.end else { throw BinaryCoding.Failure("bytes after a set") }
        let out = Set(items)
        guard out.count == n else { throw BinaryCoding.Failure("a set repeats a value") }
        return out
    }
}

extension BDecoder {
    /// `T` read as a block when it is one, else nil.
    static func block<T>(_ type: T.Type, _ v: Reader.Value, reader: Reader) throws -> T? {
        guard let b = type as? any BinaryBlock.Type else { return nil }
        // The blocks the engine state is made of, by name: code specialised for them is several
        // times faster than the generic code reached through the existential below.
        // Each called on its concrete type, so the compiler specialises it (a generic helper here
        // would run the unspecialised code).
        if type == [Entry].self { return unsafeBitCast(try [Entry].takeBlock(reader, v), to: T.self) }
        if type == [String].self { return unsafeBitCast(try [String].takeBlock(reader, v), to: T.self) }
        if type == [Int32].self { return unsafeBitCast(try [Int32].takeBlock(reader, v), to: T.self) }
        if type == [Int].self { return unsafeBitCast(try [Int].takeBlock(reader, v), to: T.self) }
        if type == [Float].self { return unsafeBitCast(try [Float].takeBlock(reader, v), to: T.self) }
        if type == [Double].self { return unsafeBitCast(try [Double].takeBlock(reader, v), to: T.self) }
        if type == [UInt8].self { return unsafeBitCast(try [UInt8].takeBlock(reader, v), to: T.self) }
        if type == [UInt32].self { return unsafeBitCast(try [UInt32].takeBlock(reader, v), to: T.self) }
        if type == [[Int32]].self { return unsafeBitCast(try [[Int32]].takeBlock(reader, v), to: T.self) }
        if type == [[String]].self { return unsafeBitCast(try [[String]].takeBlock(reader, v), to: T.self) }
        if type == [[[Int32]]].self { return unsafeBitCast(try [[[Int32]]].takeBlock(reader, v), to: T.self) }
        if type == [[SearchIndex.Posting]].self { return unsafeBitCast(try [[SearchIndex.Posting]].takeBlock(reader, v), to: T.self) }
        if type == [ClosedRange<Int>].self { return unsafeBitCast(try [ClosedRange<Int>].takeBlock(reader, v), to: T.self) }
        if type == [String: Int32].self { return unsafeBitCast(try [String: Int32].takeBlock(reader, v), to: T.self) }
        if type == [String: Int].self { return unsafeBitCast(try [String: Int].takeBlock(reader, v), to: T.self) }
        if type == [String: String].self { return unsafeBitCast(try [String: String].takeBlock(reader, v), to: T.self) }
        if type == [String: [Int]].self { return unsafeBitCast(try [String: [Int]].takeBlock(reader, v), to: T.self) }
        if type == [[String]: Int].self { return unsafeBitCast(try [[String]: Int].takeBlock(reader, v), to: T.self) }
        if type == Set<String>.self { return unsafeBitCast(try Set<String>.takeBlock(reader, v), to: T.self) }
        func open<B: BinaryBlock>(_: B.Type) throws -> T? { try B.takeBlock(reader, v) as? T }
        return try open(b)
    }
}
