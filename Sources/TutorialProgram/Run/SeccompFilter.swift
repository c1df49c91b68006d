import TutorialBase
import TutorialMarkdown

/// A classic BPF seccomp program that refuses `fallocate(2)` with `EPERM`,
/// given to bubblewrap (`--seccomp 0`, read from the program's standard
/// input) for every chapter program.
///
/// A program's channel is a regular file on the host, capped by its size;
/// `fallocate` reserved 2 GiB of disk behind a file whose size stayed 0.
/// Refused, `posix_fallocate` returns the error instead of writing zeros,
/// and a program that writes the zeros itself is stopped by the cap. (Its
/// standard output and error are pipes, whose cap counts the bytes render
/// receives, and a pipe has no disk to reserve.)
///
/// The program, in the kernel's `struct sock_filter` form (code, jt, jf, k):
///
///     0: ld  [4]                 the audit architecture
///     1: jeq #ARCH, 0, 4         another architecture (i386 calls): refuse
///     2: ld  [0]                 the system call number
///     3: jge #0x40000000, 2, 0   x32 numbers: refuse
///     4: jeq #FALLOCATE, 1, 0
///     5: ret #ALLOW
///     6: ret #ERRNO(EPERM)
enum SeccompFilter {
    /// The program for this machine's architecture, as the bytes bubblewrap
    /// reads; nil where render does not know the system call number.
    package static var program: [UInt8]? {
        #if arch(x86_64)
        return program(architecture: 0xC000_003E, fallocate: 285)
        #elseif arch(arm64)
        return program(architecture: 0xC000_00B7, fallocate: 47)
        #else
        return nil
        #endif
    }

    /// The program for an audit architecture and its `fallocate` number.
    package static func program(architecture: UInt32, fallocate: UInt32) -> [UInt8] {
        let load: UInt16 = 0x20, jumpEqual: UInt16 = 0x15, jumpGreaterOrEqual: UInt16 = 0x35, ret: UInt16 = 0x06
        let allow: UInt32 = 0x7FFF_0000, refuse: UInt32 = 0x0005_0000 | 1  // SECCOMP_RET_ERRNO | EPERM
        let instructions: [(UInt16, UInt8, UInt8, UInt32)] = [
            (load, 0, 0, 4),
            (jumpEqual, 0, 4, architecture),
            (load, 0, 0, 0),
            (jumpGreaterOrEqual, 2, 0, 0x4000_0000),
            (jumpEqual, 1, 0, fallocate),
            (ret, 0, 0, allow),
            (ret, 0, 0, refuse),
        ]
        var bytes: [UInt8] = []
        for (code, jt, jf, k) in instructions {
            bytes += [UInt8(code & 0xFF), UInt8(code >> 8), jt, jf]
            bytes += (0..<4).map { UInt8((k >> (8 * $0)) & 0xFF) }
        }
        return bytes
    }
}
