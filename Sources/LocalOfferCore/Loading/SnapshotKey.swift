import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The snapshot's key: the program's version, the running executable's stamp, and every file the
/// loader reads with its stamp (size, modification and change times in nanoseconds, inode), in
/// byte order of their names. One `fstatat` per file against its folder's descriptor, names read
/// with `readdir` and kept as bytes: no path is built, no `URL` or `String` made per file (at
/// 100,000 services the key is 100,000 calls, and each call is what is left of its cost).
///
/// Every file is looked at: a folder's own times change when a file is added or removed but not
/// when one is edited in place, so no folder-level shortcut would see every change.
enum SnapshotKey {
    static func make(root: String, programVersion: String, fileLimit: Int) -> [UInt8]? {
        var out = Array("version \(programVersion)\n".utf8)
        var st = stat()
        if stat("/proc/self/exe", &st) == 0 {
            out += Array("program ".utf8)
            put(st, into: &out)
        }
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        var count = 0
        func add(_ dirFD: Int32, _ prefix: [UInt8], _ name: [UInt8]) -> Bool {
            count += 1
            guard count <= fileLimit + 16 else { return false }
            var s = stat()
            let ok = name.withUnsafeBufferPointer { b -> Bool in
                // `name` ends with its NUL (kept from readdir).
                guard let base = b.baseAddress else { return false }
                return base.withMemoryRebound(to: CChar.self, capacity: b.count) { fstatat(dirFD, $0, &s, 0) == 0 }
            }
            guard ok else { return false }
            Varint.put(UInt64(prefix.count + name.count), into: &out)
            out += prefix
            out += name
            put(s, into: &out)
            return true
        }
        // Not the root folder's own times: writing the snapshot beside the content changes them.
        guard let top = yamlNames(rootFD) else { return nil }
        for name in top { guard add(rootFD, [], name) else { return nil } }
        for folder in ["services", "guides", "flows", "glossary"] {
            let dirFD = openat(rootFD, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard dirFD >= 0 else {
                // Absent (the loader says whether that is an error); present but unreadable: no key.
                guard errno == ENOENT else { return nil }
                out += Array("\(folder) absent\n".utf8)
                continue
            }
            defer { close(dirFD) }
            guard add(rootFD, [], Array(folder.utf8) + [0]), let names = yamlNames(dirFD) else { return nil }
            let prefix = Array((folder + "/").utf8)
            for name in names { guard add(dirFD, prefix, name) else { return nil } }
        }
        return out
    }

    /// The stamp, as raw little-endian numbers.
    static func put(_ s: stat, into out: inout [UInt8]) {
        for v in [Int64(s.st_size), Int64(s.st_mtim.tv_sec), Int64(s.st_mtim.tv_nsec), Int64(s.st_ctim.tv_sec),
                  Int64(s.st_ctim.tv_nsec), Int64(bitPattern: UInt64(s.st_ino))] {
            withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
        }
    }

    /// The YAML files' names in a folder, each with its terminating NUL, sorted by bytes; nil when
    /// the folder cannot be read. Names starting with a dot are not content.
    static func yamlNames(_ dirFD: Int32) -> [[UInt8]]? {
        // fdopendir takes the descriptor over: give it its own.
        let own = dup(dirFD)
        guard own >= 0 else { return nil }
        guard let dir = fdopendir(own) else {
            close(own)
            return nil
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let n = raw.firstIndex(of: 0) ?? raw.count
                return Array(raw[0..<n])
            }
            guard let first = name.first, first != UInt8(ascii: "."), isYAML(name) else { continue }
            names.append(name + [0])
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return names
    }

    static func isYAML(_ name: [UInt8]) -> Bool {
        func ends(_ s: String) -> Bool {
            let suffix = Array(s.utf8)
            return name.count > suffix.count && name.suffix(suffix.count).elementsEqual(suffix)
        }
        return ends(".yaml") || ends(".yml")
    }
}
