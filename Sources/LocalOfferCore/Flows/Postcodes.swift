/// Postcode districts: the outward part of a UK postcode ("TW9" of "TW9 1AA").
public enum Postcodes {
    public enum Answer: String, Sendable, Hashable {
        case richmond, kingston, shared, outside
    }

    /// The district of a full postcode or a bare district, upper-case without spaces; nil if it is not one.
    public static func district(of input: String) -> String? {
        let s = Array(input.uppercased().filter { !$0.isWhitespace })
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        var outward = s
        // A full postcode ends in its inward code: a digit and two letters.
        if s.count >= 5, s[s.count - 3].isNumber, s[s.count - 2].isLetter, s[s.count - 1].isLetter {
            outward = Array(s[..<(s.count - 3)])
        }
        // Outward code: one or two letters, a digit, then an optional digit or letter.
        var i = 0
        while i < outward.count, outward[i].isLetter { i += 1 }
        guard (1...2).contains(i), i < outward.count, outward[i].isNumber else { return nil }
        let tail = outward.count - i
        guard tail == 1 || tail == 2 else { return nil }
        return String(outward)
    }

    public static func classify(_ district: String, in table: [PostcodeDistrict]) -> (Answer, PostcodeDistrict?) {
        guard let row = table.first(where: { $0.district == district }) else { return (.outside, nil) }
        if row.boroughs.count == 1, row.others.isEmpty, let only = row.boroughs.first {
            return (only == .richmond ? .richmond : .kingston, row)
        }
        return (.shared, row)
    }
}
