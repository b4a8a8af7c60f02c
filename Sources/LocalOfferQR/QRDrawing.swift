/// QR codes as terminal text, and terminal text back into an image (for decoding in tests).
///
/// In every drawing an ink character stands for a DARK module and a space for a light one, so the
/// drawing is right when ink is darker than the background (dark on light). A screen that shows
/// light ink on a dark background has to draw it in reverse video; that is the screen's choice,
/// not this module's.
public enum QRDrawing {
    /// The widest quiet zone drawn. The standard asks for 4 modules; more only takes room.
    public static let maxQuietZone = 8

    /// Half-block lines ("▀", "▄", "█", " "), 1 column × ½ row per module, quiet zone included.
    /// An ink character is a DARK module. Every line has the same number of characters.
    public static func halfBlockLines(_ c: QRCode, quietZone: Int = 2) -> [String] {
        let q = clampedQuietZone(quietZone)
        let side = c.size + 2 * q
        var lines: [String] = []
        lines.reserveCapacity((side + 1) / 2)
        // Two module rows per line: the upper half of the cell is row y, the lower half row y + 1
        // (light below the last row when the side is odd).
        for y in stride(from: 0, to: side, by: 2) {
            var line = ""
            line.reserveCapacity(side * 3)
            for x in 0..<side {
                let top = c.isDark(x: x - q, y: y - q)
                let bottom = c.isDark(x: x - q, y: y + 1 - q)
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Plain ASCII ("##" / "  "), 2 columns × 1 row per module, for TERM=linux / --ascii.
    public static func asciiLines(_ c: QRCode, quietZone: Int = 2) -> [String] {
        let q = clampedQuietZone(quietZone)
        let side = c.size + 2 * q
        return (0..<side).map { y in
            String((0..<side).flatMap { x in c.isDark(x: x - q, y: y - q) ? "##" : "  " })
        }
    }

    /// Columns and rows the half-block drawing takes (so a screen can say "window too small").
    public static func halfBlockSize(_ c: QRCode, quietZone: Int = 2) -> (columns: Int, rows: Int) {
        let side = c.size + 2 * clampedQuietZone(quietZone)
        return (side, (side + 1) / 2)
    }

    /// Columns and rows the ASCII drawing takes.
    public static func asciiSize(_ c: QRCode, quietZone: Int = 2) -> (columns: Int, rows: Int) {
        let side = c.size + 2 * clampedQuietZone(quietZone)
        return (2 * side, side)
    }

    /// The most lines and characters per line `pgm` reads: far more than any screen holds.
    public static let maxScreenLines = 500
    public static let maxScreenColumns = 500
    /// The most pixels `pgm` makes: a larger scale is reduced to stay within it.
    public static let maxPixels = 1 << 24

    /// Turns drawn lines (as captured from a screen, ink = dark) back into a PGM image (white
    /// background) for zbarimg: "█" full cell dark, "▀" top half, "▄" bottom half, "#" dark, others
    /// light. scale = pixels per half-row / per column.
    ///
    /// One character is one column, so a half-block module is `scale` × `scale` pixels and an
    /// ASCII module ("##", one row) is `2·scale` × `2·scale`: square either way. Short lines are
    /// padded with light; lines and columns beyond `maxScreenLines` / `maxScreenColumns` are left
    /// out, scale is kept to 1...16 and lowered until the image is within `maxPixels`.
    /// The result is a binary PGM ("P5", 8 bits, 0 = black); at least 1 × 2 pixels.
    public static func pgm(fromScreenLines lines: [String], scale: Int = 4) -> [UInt8] {
        // Each cell as (upper half dark, lower half dark).
        let cells: [[(Bool, Bool)]] = lines.prefix(maxScreenLines).map { line in
            line.prefix(maxScreenColumns).map { character in
                switch character {
                case "█", "#": return (true, true)
                case "▀": return (true, false)
                case "▄": return (false, true)
                default: return (false, false)
                }
            }
        }
        let columns = max(1, cells.map(\.count).max() ?? 0)
        let rows = max(1, cells.count)
        // columns, rows ≤ 500 and s ≤ 16: every product below is far inside Int.
        var s = min(max(scale, 1), 16)
        while s > 1, columns * s * rows * 2 * s > maxPixels { s -= 1 }
        let width = columns * s
        let height = rows * 2 * s

        var image = Array("P5\n\(width) \(height)\n255\n".utf8)
        let headerCount = image.count
        image.append(contentsOf: repeatElement(UInt8(255), count: width * height))
        for (row, line) in cells.enumerated() {
            for (column, cell) in line.enumerated() {
                for (half, dark) in [cell.0, cell.1].enumerated() where dark {
                    let top = (row * 2 + half) * s
                    for y in top..<(top + s) {
                        let start = headerCount + y * width + column * s
                        for i in start..<(start + s) { image[i] = 0 }
                    }
                }
            }
        }
        return image
    }

    private static func clampedQuietZone(_ q: Int) -> Int { min(max(q, 0), maxQuietZone) }
}
