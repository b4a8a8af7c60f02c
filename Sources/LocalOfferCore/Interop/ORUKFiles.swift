import Foundation

enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        // open/write/close rather than Data.write, which syncs every file to disk: a 100,000-service
        // import would wait on the disk 100,000 times. The rename still makes each file whole or absent.
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        var ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in writeAll(fd, raw) }
        if close(fd) != 0 { ok = false }
        // rename(2) replaces the target in one step: readers see the old file or the new one.
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Every byte to the descriptor (retrying short writes and interrupts), or false.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
        var off = 0
        while off < raw.count, let base = raw.baseAddress {
            let n = Foundation.write(fd, base + off, raw.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            off += n
        }
        return true
    }
}

/// A Contact's phone as ORUK fields, from what the text shows.
enum ContactMapping {
    /// "0808 808 3555 (free helpline)", "Freephone 0800 123 456": the first run of digits (with
    /// spaces, `+`, `-`) holding at least three digits (111 is a number) is the number; the words around it, its description.
    static func phone(_ raw: String) -> (number: String, description: String?)? {
        let chars = Array(raw)
        func part(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c == " " || c == "+" || c == "-") }
        var i = 0
        while i < chars.count {
            guard part(chars[i]) else { i += 1; continue }
            var j = i
            while j < chars.count, part(chars[j]) { j += 1 }
            let number = String(chars[i..<j]).trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            if number.filter(\.isNumber).count >= 3 {
                let edges = CharacterSet(charactersIn: " ,;:-")
                let words = [String(chars[..<i]), String(chars[j...])].map { part -> String in
                    let t = part.trimmingCharacters(in: edges)
                    // "(free helpline)": the brackets round the whole of it go.
                    if t.hasPrefix("("), t.hasSuffix(")"), t.filter({ $0 == "(" }).count == 1 { return String(t.dropFirst().dropLast()).trimmed }
                    return t
                }.filter { !$0.isEmpty }.joined(separator: " ")
                return (number, words.isEmpty ? nil : words)
            }
            i = j
        }
        return nil
    }
}
