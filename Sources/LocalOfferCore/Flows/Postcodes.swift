import Foundation

/// Postcode districts: the outward part of a UK postcode ("TW9" of "TW9 1AA").
///
/// People type postcodes whole (`KT3 4PP`, `kt34pp`), by sector (`KT3 4`, `tw9 1`) or by district
/// (`TW9`), in any case, with or without the space. Only the district decides the borough. Where
/// the same letters read two ways (`TW11` is Teddington, or sector 1 of TW1; `KT34` is no district,
/// so it is KT3 sector 4), every reading is looked up, and only an answer they all agree on is
/// given: otherwise the flow asks, as for a district split between councils. Never a guess.
public enum Postcodes {
    public enum Answer: String, Sendable, Hashable {
        case richmond, kingston, shared, outside
    }

    /// What a person typed, read as a postcode.
    public struct Reading: Sendable, Hashable {
        /// Each way the text reads as a district, upper-case, without spaces: one, or two when a
        /// trailing digit could end the district or start the sector (`TW11`).
        var districts: [String]
        /// The district to show the family: the only reading, or the text as typed, tidied.
        public var display: String
    }

    /// Longer than any postcode with spaces to spare: anything longer is not one.
    static let maxLength = 16

    /// The district of a full postcode, a sector or a bare district, upper-case without spaces;
    /// nil if it is not one. Where it reads two ways, the longer district (`TW11`): use `read` and
    /// `classify(_:in:)` on the reading to decide a borough.
    static func district(of input: String) -> String? {
        read(input)?.districts.first
    }

    /// Every district the text can be, or nil when it is not a postcode at all.
    public static func read(_ input: String) -> Reading? {
        guard input.count <= maxLength * 4 else { return nil }
        // Fullwidth letters and digits (ＫＴ３) and no-break spaces fold to ASCII; any other
        // script's digits stay what they are and are refused below, never read as a number.
        let folded = input.precomposedStringWithCompatibilityMapping
        let parts = folded.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let joined = parts.joined()
        guard !joined.isEmpty, joined.count <= maxLength,
              joined.unicodeScalars.allSatisfy({ isASCIILetter($0) || isASCIIDigit($0) }) else { return nil }
        let upper = parts.map { $0.uppercased() }
        var districts: [String] = []
        if upper.count > 1, isOutward(upper[0]), isInward(upper.dropFirst().joined()) {
            // A space after the district says where it ends (`TW1 1`, `KT3 4 PP`).
            districts = [upper[0]]
        } else {
            // No space, or spaces in odd places: every split of the letters and digits into a
            // district and the start of an inward code.
            let s = Array(upper.joined())
            for k in stride(from: min(4, s.count), through: 2, by: -1) {
                let outward = String(s[..<k]), inward = String(s[k...])
                if isOutward(outward) && (inward.isEmpty || isInward(inward)) { districts.append(outward) }
            }
        }
        guard let first = districts.first else { return nil }
        let display = districts.count == 1 ? first : upper.joined(separator: " ")
        return Reading(districts: districts, display: display)
    }

    /// A district (outward code): one or two letters, a digit, then an optional digit or letter
    /// (A9, A99, A9A, AA9, AA99, AA9A).
    static func isOutward(_ s: String) -> Bool {
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count, isASCIILetter(c[i]) { i += 1 }
        guard (1...2).contains(i), i < c.count, isASCIIDigit(c[i]) else { return false }
        let tail = c.count - i
        guard tail == 1 || tail == 2 else { return false }
        return tail == 1 || isASCIIDigit(c[i + 1]) || isASCIILetter(c[i + 1])
    }

    /// The inward code or its start: a sector digit, then up to two letters (`4`, `4P`, `4PP`).
    static func isInward(_ s: String) -> Bool {
        let c = Array(s.unicodeScalars)
        guard let first = c.first, isASCIIDigit(first), c.count <= 3 else { return false }
        return c.dropFirst().allSatisfy(isASCIILetter)
    }

    static func isASCIILetter(_ u: Unicode.Scalar) -> Bool { ("a"..."z").contains(u) || ("A"..."Z").contains(u) }
    static func isASCIIDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }

    static func classify(_ district: String, in table: [PostcodeDistrict]) -> (Answer, PostcodeDistrict?) {
        guard let row = table.first(where: { $0.district == district }) else { return (.outside, nil) }
        if row.boroughs.count == 1, row.others.isEmpty, let only = row.boroughs.first {
            return (only == .richmond ? .richmond : .kingston, row)
        }
        return (.shared, row)
    }

    /// The answer for every reading of what was typed: theirs when they agree, otherwise `shared`
    /// (the flow then asks which council sends the council tax bill).
    static func classify(_ reading: Reading, in table: [PostcodeDistrict]) -> Answer {
        let answers = Set(reading.districts.map { classify($0, in: table).0 })
        return answers.count == 1 ? answers.first ?? .shared : .shared
    }
}
