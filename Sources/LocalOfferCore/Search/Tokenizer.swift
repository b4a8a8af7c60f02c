/// Fast tokenizing for the index: plain ASCII text (nearly all content) is cut byte by byte;
/// anything else goes through the full Unicode fold. Both give the same tokens.
enum Tokenizer {
    static func forEachToken(_ text: String, _ body: (String) -> Void) {
        var utf8 = text.utf8
        if utf8.contains(where: { $0 >= 0x80 }) {
            for t in Normalizer.tokens(text) { body(t) }
            return
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        var bufferIsDigit = false
        func flush() {
            if !buffer.isEmpty {
                body(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        utf8 = text.utf8
        for var b in utf8 {
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            let isLetter = b >= 97 && b <= 122
            let isDigit = b >= 48 && b <= 57
            if isLetter || isDigit {
                if !buffer.isEmpty && isDigit != bufferIsDigit { flush() }
                buffer.append(b)
                bufferIsDigit = isDigit
            } else {
                flush()
            }
        }
        flush()
    }
}
