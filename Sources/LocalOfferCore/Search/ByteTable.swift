/// Interns byte strings (folded words) to dense ids without building a String per token: the index
/// build sees millions of tokens, and String hashing dominated it.
struct ByteTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always) private func equal(_ id: Int32, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(starts[Int(id)]), n = Int(lengths[Int(id)])
        guard n == p.count else { return false }
        for i in 0..<n where arena[s + i] != p[i] { return false }
        return true
    }

    /// The id of these bytes, and whether they were new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>) -> (Int32, Bool) {
        var i = ByteTable.hash(p) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            if equal(id, p) { return (id, false) }
            i = (i + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(p.count))
        arena.append(contentsOf: p)
        slots[i] = id
        if starts.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<starts.count {
            let s = Int(starts[id]), n = Int(lengths[id])
            let h = arena.withUnsafeBufferPointer { a in ByteTable.hash(UnsafeBufferPointer(rebasing: a[s..<(s + n)])) }
            var i = h & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    func string(_ id: Int) -> String {
        let s = Int(starts[id]), n = Int(lengths[id])
        return String(decoding: arena[s..<(s + n)], as: UTF8.self)
    }
}

extension Tokenizer {
    @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 9 || b == 13 }
}

/// Plain substring search over bytes: the first byte, then the rest. Used for title boosts and as
/// the benchmark's linear-scan baseline.
enum Bytes {
    public static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let last = h.count - n.count
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

/// A pull tokenizer over a string's bytes, for the index build: ASCII words are cut in place; a word
/// with non-ASCII bytes is handed back whole (`unicodeWord`) for the full Unicode fold.
struct Tokens {
    let src: UnsafeBufferPointer<UInt8>
    var buffer: [UInt8] = []
    var i = 0
    var wordEnd = 0
    var unicodeWord: String?

    init(_ src: UnsafeBufferPointer<UInt8>) {
        self.src = src
        buffer.reserveCapacity(64)
    }

    /// The next token's range in `buffer`, or a Unicode word in `unicodeWord` (range then empty).
    mutating func next() -> Range<Int>? {
        unicodeWord = nil
        let count = src.count
        while true {
            if i >= wordEnd {
                while i < count && Tokenizer.isASCIISpace(src[i]) { i += 1 }
                if i >= count { return nil }
                var end = i
                var ascii = true
                while end < count && !Tokenizer.isASCIISpace(src[end]) {
                    if src[end] >= 0x80 { ascii = false }
                    end += 1
                }
                if !ascii {
                    unicodeWord = String(decoding: UnsafeBufferPointer(rebasing: src[i..<end]), as: UTF8.self)
                    i = end
                    wordEnd = end
                    return 0..<0
                }
                wordEnd = end
            }
            buffer.removeAll(keepingCapacity: true)
            var isDigit = false
            while i < wordEnd {
                var b = src[i]
                if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") { i += 1; continue }
                if b >= 65 && b <= 90 { b += 32 }
                let letter = b >= 97 && b <= 122
                let digit = b >= 48 && b <= 57
                if letter || digit {
                    if !buffer.isEmpty && digit != isDigit { return 0..<buffer.count }
                    buffer.append(b)
                    isDigit = digit
                    i += 1
                } else {
                    i += 1
                    if !buffer.isEmpty { return 0..<buffer.count }
                }
            }
            if !buffer.isEmpty { return 0..<buffer.count }
        }
    }
}
