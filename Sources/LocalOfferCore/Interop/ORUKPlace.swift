import Foundation

/// Where a record says it is offered, from its data only: ONS codes in its service areas, a national
/// area (a country's ONS code or a plain "national"/"England"/"UK" area), or the postcodes of its
/// locations (by district, from `content/postcodes.yaml`). Names of places are never matched
/// (Kingston upon Hull is not Kingston upon Thames). A record that says nothing is offered nowhere
/// until an editor decides; one that names somewhere else is out of area.
enum ORUKPlace {
    enum Finding: Equatable {
        /// Offered in these of our boroughs (and how we know, for the entry's text).
        case boroughs([Borough], how: String)
        /// A national service: every area, so both boroughs.
        case national(String)
        /// Somewhere else: the areas or postcodes named, a few of them.
        case elsewhere(String)
        /// The record does not say where.
        case unknown
    }

    /// ONS codes of the countries and unions: a service for the whole of one covers our boroughs.
    static let nationalCodes: Set<String> = ["E92000001", "K02000001", "K03000001", "K04000001"]
    /// Area words that mean the whole country, compared after lower-casing and trimming.
    static let nationalWords: Set<String> = ["national", "nationwide", "england", "united kingdom", "uk", "uk-wide", "uk wide",
                                             "great britain", "england and wales", "england & wales", "whole of england", "all of england"]

    static func find(areas: [JSONValue], locations: [JSONValue], postcodes: [PostcodeDistrict]) -> Finding {
        var ours: [Borough] = []
        var others: [String] = []
        var otherSet = Set<String>()
        var national: String?
        func other(_ s: String) {
            if otherSet.count < 1_000, otherSet.insert(s).inserted { others.append(s) }
        }
        for a in areas where a.isObject {
            for key in ["extent", "uri", "service_area", "name"] {
                guard let s = a[key]?.string else { continue }
                // A bounded look: an area field is a code or a name, not a book.
                let text = s.utf8.count > 4_096 ? String(decoding: s.utf8.prefix(4_096), as: UTF8.self) : s
                let codes = ORUKText.onsCodes(in: text)
                for code in codes {
                    if let b = ORUK.borough(onsCode: code) {
                        if !ours.contains(b) { ours.append(b) }
                    } else if nationalCodes.contains(code) {
                        national = national ?? "ONS area \(code)"
                    } else {
                        other("ONS \(code)")
                    }
                }
                if codes.isEmpty, key != "uri", nationalWords.contains(text.trimmed.lowercased()) {
                    national = national ?? "area '\(ORUKText.clean(text, limit: 40, singleLine: true))'"
                }
            }
        }
        if !ours.isEmpty {
            return .boroughs(Borough.allCases.filter(ours.contains), how: "its service areas (ONS codes)")
        }
        if let national { return .national(national) }

        var byPostcode: [Borough] = []
        var table: [String: PostcodeDistrict] = [:]
        for d in postcodes { table[d.district] = d }
        for l in locations where l.isObject {
            // 3.0 names them `addresses`; Outpost and older feeds `physical_addresses`.
            let addresses = (l["addresses"]?.array ?? []) + (l["physical_addresses"]?.array ?? [])
            var codes = [l["postal_code"]?.string, l["postcode"]?.string].compactMap { $0 }
            for a in addresses.prefix(20) { if let p = a["postal_code"]?.string { codes.append(p) } }
            for code in codes.prefix(20) {
                guard code.utf8.count <= 16, let district = Postcodes.district(of: code) else { continue }
                if let row = table[district] {
                    for b in row.boroughs where !byPostcode.contains(b) { byPostcode.append(b) }
                } else {
                    other("postcode \(ORUKText.clean(code, limit: 16, singleLine: true).uppercased())")
                }
            }
        }
        if !byPostcode.isEmpty {
            return .boroughs(Borough.allCases.filter(byPostcode.contains), how: "the postcodes of its locations")
        }
        if !others.isEmpty {
            let shown = others.prefix(3).joined(separator: ", ")
            return .elsewhere(others.count > 3 ? shown + " and \(others.count - 3) more" : shown)
        }
        return .unknown
    }
}
