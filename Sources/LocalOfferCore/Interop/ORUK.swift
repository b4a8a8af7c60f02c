import Foundation

/// Open Referral UK (HSDS-UK 3.0): the fixed names of the standard and of our two published taxonomies.
public enum ORUK {
    public static let version = "HSDS-UK-3.0"
    public static let profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
    /// The 3.0 OpenAPI document the validator reads: `public/specifications/3.0/openapi.json` of the
    /// openreferraluk.org site (tpximpact/mhclg-oruk), served from the site's root.
    static let openAPI = "https://openreferraluk.org/specifications/3.0/openapi.json"

    /// ONS GSS codes of the two boroughs (the codes are national statistics, not content).
    static func onsCode(_ b: Borough) -> String {
        switch b {
        case .richmond: return "E09000027"
        case .kingston: return "E09000021"
        }
    }
    public static func borough(onsCode: String) -> Borough? {
        Borough.allCases.first { ORUK.onsCode($0) == onsCode }
    }

    static let senStatusTaxonomy = "localoffer-sen-status"
    static let needAreaTaxonomy = "localoffer-send-need-area"

    static func taxonomyId(_ name: String) -> String { UUIDv5.string("taxonomy/\(name)") }
    static func termId(_ taxonomy: String, _ code: String) -> String { UUIDv5.string("taxonomy/\(taxonomy)/\(code)") }

    static func statusTermDescription(_ s: Status) -> String {
        switch s {
        case .none: return "Children and young people with no identified special educational needs (SEN) can use this service."
        case .senSupport: return "Children and young people at SEN Support (help from their school or setting, without an EHC plan) can use this service."
        case .ehcp: return "Children and young people with an Education, Health and Care (EHC) plan can use this service."
        }
    }

    static func needTermDescription(_ a: NeedArea) -> String {
        "For the SEND Code of Practice broad area of need: \(a.label.lowercased())."
    }

    /// The plain term (`ehcp`) means open to that status; the `-check` term (`ehcp-check`) means it
    /// depends, the description saying on what. They are siblings, not parent and child, so a reader
    /// that filters by the plain term never gets a service that is only "it depends".
    static func statusTerm(_ s: Status, check: Bool = false) -> JSONOut {
        let code = check ? s.rawValue + "-check" : s.rawValue
        let name = check ? "\(s.label.prefix(1).uppercased() + s.label.dropFirst()): it depends" : s.label
        let description = check
            ? "Whether children and young people with \(s == .none ? "no identified SEN" : s == .senSupport ? "SEN Support" : "an EHC plan") can use this service depends on more than that: the service's description says on what. Ask the service or SENDIASS."
            : statusTermDescription(s)
        return term(id: termId(senStatusTaxonomy, code), name: name, code: code, description: description, taxonomy: senStatusTaxonomy)
    }

    /// A taxonomy term, its keys in the order of the old sorted output (so feeds already published
    /// keep their bytes).
    static func term(id: String, name: String, code: String, description: String, taxonomy: String) -> JSONOut {
        .object([("description", .string(description)), ("id", .string(id)), ("name", .string(name)),
                 ("taxonomy", .string(taxonomy)), ("taxonomy_id", .string(taxonomyId(taxonomy))), ("term", .string(code))])
    }

    static var statusTerms: [JSONOut] {
        Status.allCases.map { statusTerm($0) } + Status.allCases.map { statusTerm($0, check: true) }
    }

    static func needTerm(_ a: NeedArea) -> JSONOut {
        term(id: termId(needAreaTaxonomy, a.rawValue), name: a.label, code: a.rawValue, description: needTermDescription(a), taxonomy: needAreaTaxonomy)
    }

    static var taxonomies: [JSONOut] { [
        .object([("description", .string("Special educational needs (SEN) status: whether a service is open to children with no identified SEN, at SEN Support, or with an EHC plan. A service is tagged with a status (none, sen-support, ehcp) only where it is open to that status, and with the status's '-check' term where it depends on more (the description says on what).")),
                 ("id", .string(taxonomyId(senStatusTaxonomy))), ("name", .string(senStatusTaxonomy)),
                 ("taxonomy_terms", .array(statusTerms)), ("version", .string("1"))]),
        .object([("description", .string("The four broad areas of need of the SEND Code of Practice (2015, 6.28 to 6.35) a service is meant for.")),
                 ("id", .string(taxonomyId(needAreaTaxonomy))), ("name", .string(needAreaTaxonomy)),
                 ("taxonomy_terms", .array(NeedArea.allCases.map(needTerm))), ("version", .string("1"))]),
    ] }

    /// The fields of a `/services`-shaped page before its `contents`: a static feed has one page.
    static func pageHead(count: Int) -> [(String, JSONOut)] {
        [("empty", .bool(count == 0)), ("first_page", .bool(true)), ("last_page", .bool(true)), ("page_number", .int(1)),
         ("size", .int(count)), ("total_items", .int(count)), ("total_pages", .int(1))]
    }

    static func page(_ items: [JSONOut]) -> JSONOut {
        .object([("contents", .array(items))] + pageHead(count: items.count))
    }

    static func isWebAddress(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace }), let u = URL(string: s), let scheme = u.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = u.host, host.contains(".") else { return false }
        return true
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              s.count <= 254 else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0 != "," && $0 != ";" && $0 != "<" && $0 != ">" }
    }

}
