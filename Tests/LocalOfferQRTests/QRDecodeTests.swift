import Foundation
import Testing
import LocalOfferQR

/// What is drawn must be what a phone reads: every test here draws a code, renders the drawing as
/// an image and decodes it with zbarimg, then compares the text exactly.
@Suite struct QRDecodeTests {
    @Test func zbarimgIsInstalled() {
        // Not a skip: without zbarimg nothing below proves the codes can be read.
        #expect(Zbar.path != nil, "zbarimg is missing: apt-get install zbar-tools")
    }

    @Test func everyEntryAddressDecodesFromBothDrawings() throws {
        let entries = try Content.entryAddresses()
        // Every service file has an address to take away (content rule: sources are required).
        #expect(entries.count >= 100, "only \(entries.count) service addresses found")
        for (file, address) in entries {
            let code = try #require(QRCode(text: address), "\(file): \(address) did not encode")
            let decoded = try Zbar.decodeBothDrawings(code)
            #expect(decoded.halfBlock == address, "\(file): half-block drawing")
            #expect(decoded.ascii == address, "\(file): ASCII drawing")
        }
    }

    /// A shortlist as a parent takes it away: names, phones and websites from the content, with
    /// non-ASCII punctuation and letters, over several lines.
    static let shortlist = """
        Local Offer shortlist – Kingston and Richmond
        1. Kingston and Richmond SEND Local Offer website
           Phone: 020 8547 4722
           https://kr.afcinfo.org.uk/pages/local-offer/information-and-advice/new-to-send
        2. Single Point of Access (SPA) for children’s social care and early help
           Phone: 020 8547 5008
        3. Mental health crisis help – 111, press 2; 999 in an emergency
           Also: crisis cafés (Café) as a safe alternative to A&E
        """

    @Test func multiLineShortlistDecodesExactly() throws {
        let code = try #require(QRCode(text: Self.shortlist))
        let decoded = try Zbar.decodeBothDrawings(code)
        #expect(decoded.halfBlock == Self.shortlist)
        #expect(decoded.ascii == Self.shortlist)
    }

    @Test(arguments: [
        "Café – £140 a year, “flexible” use",
        "Rodzice: Żółć, gęś – pytania o SEN",
        "مرحبا – خدمات الاحتياجات الخاصة",
        "特別支援 – ローカルオファー",
        "Emoji 👨‍👩‍👧 and combining e\u{301}",
        "Tab\tand\r\nCRLF lines\n\nand a blank one",
    ])
    func utf8TextDecodesExactly(text: String) throws {
        let code = try #require(QRCode(text: text))
        let decoded = try Zbar.decodeBothDrawings(code)
        #expect(decoded.halfBlock == text)
        #expect(decoded.ascii == text)
    }

    @Test func largestSymbolDecodes() throws {
        // 2953 bytes: version 40, the most a symbol holds.
        let text = String((0..<QRCode.maxBytes).map { i in Character(UnicodeScalar(UInt8(33 + i % 90))) })
        let code = try #require(QRCode(text: text))
        #expect(code.size == 177)
        #expect(try Zbar.decode(pgm: QRDrawing.pgm(fromScreenLines: QRDrawing.halfBlockLines(code))) == text)
    }

    @Test func codeAmongOtherScreenTextStillDecodes() throws {
        // A screen capture holds more than the code: a title above, a hint beside, a status line
        // below. Letters are light, so only the code's own ink counts.
        let address = "https://kr.afcinfo.org.uk/pages/local-offer/information-and-advice/new-to-send"
        let code = try #require(QRCode(text: address))
        let drawn = QRDrawing.halfBlockLines(code)
        let screen = ["  Take it away: scan with your phone's camera", ""]
            + drawn.map { "  " + $0 + "   Esc close" }
            + ["", "  Nothing is saved on this computer."]
        #expect(try Zbar.decode(pgm: QRDrawing.pgm(fromScreenLines: screen)) == address)
    }
}
