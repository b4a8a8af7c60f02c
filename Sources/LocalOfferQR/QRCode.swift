import CQRencode

/// A QR code symbol made by libqrencode, kept as plain Swift data so it can cross threads and
/// outlive the C result (which is freed as soon as it has been copied).
public struct QRCode: Sendable {
    /// The most bytes one symbol holds: version 40, error correction L, 8-bit mode (ISO/IEC 18004
    /// table 7). Longer text is refused before libqrencode is asked, so no input costs more than
    /// one largest symbol.
    public static let maxBytes = 2953

    /// Modules per side of the largest symbol (version 40).
    public static let largestSize = 177

    /// Modules per side, without quiet zone.
    public let size: Int
    /// The version libqrencode chose (1...40).
    public let version: Int
    /// Row-major, `size * size` entries, true = dark.
    private let modules: [Bool]

    /// nil when the text cannot be encoded or needs more than `maxModules` per side.
    ///
    /// The smallest version that fits is used, with error correction L (about 7% of the symbol
    /// can be lost). The code is read off a terminal screen, which is flat, lit and clean, not a
    /// printed sheet that gets creased or smudged; what limits it is room: at 80×24 the largest
    /// half-block drawing is a version 6 symbol (41 modules, 23 rows with its quiet zone), and L
    /// fits the most text in it (134 bytes at L, 106 at M). Fewer modules for the same text also
    /// mean bigger modules on the screen, which is what a phone camera needs most.
    ///
    /// The text is encoded as its UTF-8 bytes in 8-bit mode, which phone readers and zbar take as
    /// UTF-8; no ECI header is added, since some readers show one as stray characters.
    public init?(text: String, maxModules: Int = 177) {
        // The smallest symbol is version 1, 21 modules; anything below cannot hold a code.
        guard maxModules >= 21 else { return nil }
        // Counted before copying, so a huge text costs nothing; empty text has nothing to take away.
        guard (1...Self.maxBytes).contains(text.utf8.count) else { return nil }
        let bytes = Array(text.utf8)
        guard let symbol = Self.encode(bytes) else { return nil }
        guard symbol.size <= maxModules else { return nil }
        self.size = symbol.size
        self.version = symbol.version
        self.modules = symbol.modules
    }

    /// Dark or light at column `x`, row `y`; false (light, like the quiet zone) outside the symbol.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        let index = y * size + x
        guard index < modules.count else { return false }
        return modules[index]
    }

    /// Calls libqrencode and copies its result into Swift memory, freeing the C symbol.
    private static func encode(_ bytes: [UInt8]) -> (size: Int, version: Int, modules: [Bool])? {
        bytes.withUnsafeBufferPointer { buffer -> (size: Int, version: Int, modules: [Bool])? in
            guard let base = buffer.baseAddress, let count = Int32(exactly: buffer.count) else { return nil }
            // Version 0: libqrencode picks the smallest version the data fits in. It is reentrant
            // in the Debian build (it takes its own mutex around its shared tables).
            guard let result = QRcode_encodeData(count, base, 0, QR_ECLEVEL_L) else { return nil }
            defer { QRcode_free(result) }
            let width = Int(result.pointee.width)
            let version = Int(result.pointee.version)
            // A symbol is 21...177 modules per side; anything else means a library we do not know.
            guard (21...largestSize).contains(width), let data = result.pointee.data else { return nil }
            // The least significant bit of each byte is the module's colour (1 = dark).
            let cells = UnsafeBufferPointer(start: data, count: width * width)
            return (width, version, cells.map { $0 & 1 == 1 })
        }
    }
}
