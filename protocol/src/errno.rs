//! MicroPython's errno values (`py/mperrno.h`) with their names and descriptions: one table for
//! both ends, the device's frame server (error replies) and the host (messages). `no_std`, no
//! allocation.

macro_rules! errnos {
    ($($name:ident = $code:literal, $text:literal;)*) => {
        /// MicroPython's errno values (`py/mperrno.h`), as raised in `OSError` on the device.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Errno {
            $(#[doc = $text] $name,)*
            /// A number this table does not name.
            Other(i32),
        }

        impl Errno {
            /// The errno for a number.
            pub fn from_code(code: i32) -> Self {
                match code { $($code => Errno::$name,)* n => Errno::Other(n) }
            }
            /// The errno for a symbolic name such as `ENOENT`.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $(stringify!($name) => Some(Errno::$name),)* _ => None }
            }
            /// The numeric value.
            pub const fn code(self) -> i32 {
                match self { $(Errno::$name => $code,)* Errno::Other(n) => n }
            }
            /// The symbolic name (`ENOENT`); `None` for a number the table does not name.
            pub fn symbol(self) -> Option<&'static str> {
                match self { $(Errno::$name => Some(stringify!($name)),)* Errno::Other(_) => None }
            }
            /// A short lowercase description ("no such file or directory"); `None` for a number
            /// the table does not name.
            pub fn text(self) -> Option<&'static str> {
                match self { $(Errno::$name => Some($text),)* Errno::Other(_) => None }
            }
        }
    };
}

errnos! {
    EPERM = 1, "operation not permitted";
    ENOENT = 2, "no such file or directory";
    EIO = 5, "input/output error";
    EBADF = 9, "bad file descriptor";
    EAGAIN = 11, "resource temporarily unavailable";
    ENOMEM = 12, "out of memory";
    EACCES = 13, "permission denied";
    EBUSY = 16, "device or resource busy";
    EEXIST = 17, "file exists";
    EXDEV = 18, "cross-device link";
    ENODEV = 19, "no such device";
    ENOTDIR = 20, "not a directory";
    EISDIR = 21, "is a directory";
    EINVAL = 22, "invalid argument";
    EFBIG = 27, "file too large";
    ENOSPC = 28, "no space left on device";
    EROFS = 30, "read-only filesystem";
    ENAMETOOLONG = 36, "file name too long";
    ENOTEMPTY = 39, "directory not empty";
    EOPNOTSUPP = 95, "operation not supported";
    ETIMEDOUT = 110, "timed out";
}

