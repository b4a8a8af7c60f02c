import Foundation

/// Text from a feed: HTML stripped, mojibake repaired, control characters removed, length bounded.
enum ORUKText {
    public static func clean(_ raw: String, limit: Int, singleLine: Bool = false) -> String {
        var s = fixMojibake(raw)
        if s.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) { s = stripHTML(s) }
        // Control characters go; line breaks stay (as \n) unless a single line is wanted. Built as
        // UTF-8 bytes: appending scalars to a String one by one is the slow part of a large import.
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var newlines = 0
        var count = 0
        var truncated = false
        for u in s.unicodeScalars {
            let v = u.value
            let isBreak = v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x85
            if isBreak && !singleLine {
                if v == 0x0D { continue }
                newlines += 1
                pendingSpace = false
                continue
            }
            let isSpace = isBreak || v == 0x09 || v == 0x20 || v == 0xA0 || (v > 0x7F && u.properties.isWhitespace)
            if isSpace { pendingSpace = true; continue }
            if v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF || (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E) {
                continue
            }
            if count >= limit - 1 {
                truncated = true
                break
            }
            if !out.isEmpty {
                if newlines > 0 {
                    out.append(0x0A)
                    if newlines >= 2 { out.append(0x0A) }
                    count += newlines >= 2 ? 2 : 1
                } else if pendingSpace {
                    out.append(0x20)
                    count += 1
                }
            }
            newlines = 0
            pendingSpace = false
            if v < 0x80 {
                out.append(UInt8(v))
            } else {
                UTF8.encode(u) { out.append($0) }
            }
            count += 1
        }
        var result = String(decoding: out, as: UTF8.self)
        if truncated { result += "…" }
        return result
    }

    /// UTF-8 read as Windows-1252 (`Â£`, `â€™`, `Ã©`): re-encode each such run and decode it again as
    /// UTF-8. A run that does not decode is left alone (so real "café" or "Â" stays).
    static func fixMojibake(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return s }
        var out = ""
        var run: [UInt8] = []
        var runText = ""
        func flush() {
            if run.contains(where: { $0 >= 0x80 }), let fixed = String(validating: run, as: UTF8.self) {
                out += fixed
            } else {
                out += runText
            }
            run.removeAll(keepingCapacity: true)
            runText = ""
        }
        for u in s.unicodeScalars {
            if let b = cp1252Byte(u) {
                run.append(b)
                runText.unicodeScalars.append(u)
            } else {
                flush()
                out.unicodeScalars.append(u)
            }
        }
        flush()
        return out
    }

    static let cp1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    static func cp1252Byte(_ u: Unicode.Scalar) -> UInt8? {
        if u.value < 0x100 { return UInt8(u.value) }  // Latin-1, and the C1 gaps a Latin-1 decoder leaves
        return cp1252High[u.value]
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "pound": "£", "euro": "€",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…",
        "bull": "•", "middot": "·", "copy": "©", "reg": "®", "eacute": "é", "egrave": "è", "aacute": "á",
    ]

    /// HTML to text in one pass: tags become line breaks or nothing, entities are decoded, and a
    /// link keeps its address as text ("the form (https://…)"). Linear in the text: a tag is looked
    /// for at most `maxTag` characters ahead, and a `<` with no `>` in reach is just a character.
    static func stripHTML(_ input: String) -> String {
        let s = Array(input.unicodeScalars)
        let maxTag = 2_048
        var i = 0
        var skipUntil: String?  // inside <script> or <style>
        var link: (href: String, start: Int)?  // an open <a href>: its address and where its text began
        var outArray: [Unicode.Scalar] = []
        // Where the next '>' is, found by one forward scan shared by every '<' (never re-scanned).
        var nextClose = -1
        func append(_ t: String) { outArray.append(contentsOf: t.unicodeScalars) }
        while i < s.count {
            let c = s[i]
            if c == "<" {
                if nextClose < i {
                    nextClose = i + 1
                    while nextClose < s.count && s[nextClose] != ">" { nextClose += 1 }
                }
                if nextClose < s.count && nextClose - i <= maxTag {
                    let close = nextClose
                    let tagText = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                    let tag = tagText.trimmingCharacters(in: .whitespaces)
                    let lower = tag.lowercased()
                    let tagName = String(lower.prefix { $0.isLetter || $0 == "/" || $0.isNumber })
                    i = close + 1
                    if let end = skipUntil {
                        if tagName == "/" + end { skipUntil = nil }
                        continue
                    }
                    switch tagName {
                    case "script", "style": skipUntil = tagName
                    case "br", "br/": append("\n")
                    case "p", "/p", "div", "/div", "h1", "h2", "h3", "h4", "h5", "h6", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6",
                         "ul", "/ul", "ol", "/ol", "table", "/table":
                        append("\n\n")
                    case "li": append("\n- ")
                    case "tr", "/tr": append("\n")
                    case "td", "th": append(" ")
                    case "a":
                        if let href = hrefValue(tag) { link = (href, outArray.count) }
                    case "/a":
                        if let l = link {
                            let shown = String(String.UnicodeScalarView(outArray[l.start...])).trimmed
                            let bare = l.href.hasPrefix("mailto:") ? String(l.href.dropFirst(7)) : l.href
                            if shown.isEmpty { append(bare) }
                            else if shown != bare && shown != l.href { append(" (\(bare))") }
                            link = nil
                        }
                    default: break
                    }
                    continue
                }
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                var j = i + 1
                while j < s.count && j - i <= 12 && s[j] != ";" && s[j] != "&" && s[j] != "<" { j += 1 }
                if j < s.count && s[j] == ";" {
                    let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                    var decoded: String?
                    if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        decoded = String(Character(u))
                    } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                        decoded = String(Character(u))
                    } else {
                        decoded = entities[name]
                    }
                    if let decoded {
                        append(decoded)
                        i = j + 1
                        continue
                    }
                }
            }
            outArray.append(c)
            i += 1
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: outArray)
        return String(out)
    }

    /// The address of `a href="…"` (or single quotes, or bare), only web, mail and phone addresses.
    static func hrefValue(_ tag: String) -> String? {
        guard let r = tag.range(of: "href", options: .caseInsensitive) else { return nil }
        var rest = tag[r.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        var value: Substring
        if let q = rest.first, q == "\"" || q == "'" {
            value = rest.dropFirst().prefix { $0 != q }
        } else {
            value = rest.prefix { !$0.isWhitespace && $0 != ">" }
        }
        let v = stripHTMLEntitiesInAttribute(String(value)).trimmed
        let lower = v.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:"),
              v.utf8.count <= 2_000, lower.hasPrefix("tel:") || !v.contains(where: { $0.isWhitespace }) else { return nil }
        return v
    }

    static func stripHTMLEntitiesInAttribute(_ v: String) -> String {
        v.contains("&") ? v.replacingOccurrences(of: "&amp;", with: "&") : v
    }

    /// ONS GSS codes: a letter E, W, S or N and eight digits.
    static func onsCodes(in s: String) -> [String] {
        var out: [String] = []
        let chars = Array(s.utf8)
        var i = 0
        while i + 9 <= chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "E") || c == UInt8(ascii: "W") || c == UInt8(ascii: "S") || c == UInt8(ascii: "N"),
               (i == 0 || !isAlnum(chars[i - 1])), chars[(i + 1)..<(i + 9)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
               i + 9 == chars.count || !isAlnum(chars[i + 9]) {
                out.append(String(decoding: chars[i..<(i + 9)], as: UTF8.self))
                i += 9
            } else {
                i += 1
            }
        }
        return out
    }
    static func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// A value from the feed shown in a one-line message: cleaned, bounded, quoted.
    static func quote(_ s: String) -> String { "'" + clean(s, limit: 80, singleLine: true) + "'" }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(d) }

    static func money(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(format: "%.2f", d)
    }
}
