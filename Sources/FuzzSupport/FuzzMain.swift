#if CLUNEAL_FUZZ
import CFuzzerDriver
#endif
import Foundation

/// The entry point every fuzz target shares.
///
/// Built by `scripts/fuzz` (`-sanitize=fuzzer,address -D CLUNEAL_FUZZ`) it hands the command
/// line to libFuzzer's driver, which calls the target's `LLVMFuzzerTestOneInput`. In an
/// ordinary build it replays the files named on the command line (a corpus, a crash artifact)
/// through the same checks, so a finding can be reproduced without the fuzzing toolchain.
public enum FuzzMain {
    public static func run(name: String, callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt,
                           check: ([UInt8]) -> [String]) -> Never {
        #if CLUNEAL_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            FileHandle.standardError.write(Data("""
                \(name): built without libFuzzer. Fuzz with scripts/fuzz; or give files (or folders) to replay them:
                  \(name) Fuzz/corpus/\(name.replacingOccurrences(of: "fuzz-", with: ""))

                """.utf8))
            exit(64)
        }
        var failed = 0, count = 0
        for file in FuzzFiles.expand(Array(paths)) {
            count += 1
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                failed += 1
                continue
            }
            let violations = check([UInt8](data))
            if violations.isEmpty { continue }
            failed += 1
            for v in violations { print("\(file): \(v)") }
        }
        print("\(name): \(count) input\(count == 1 ? "" : "s") replayed, \(failed) failed")
        exit(failed == 0 ? 0 : 1)
        #endif
    }

    /// What `LLVMFuzzerTestOneInput` does with one input: run the checks and crash on a broken
    /// invariant, which is how libFuzzer learns of a finding (a trap inside the code under test
    /// is found the same way).
    public static func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int, check: ([UInt8]) -> [String]) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let violations = check(bytes)
        if !violations.isEmpty {
            FileHandle.standardError.write(Data(("invariant broken:\n" + violations.joined(separator: "\n") + "\n").utf8))
            abort()
        }
        return 0
    }
}

/// Files under the paths given (folders are listed, sorted, not recursively).
public enum FuzzFiles {
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { out.append(path); continue }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                out += names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
            } else {
                out.append(path)
            }
        }
        return out
    }
}
