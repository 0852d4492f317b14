//! Running a child process (the workers, `pdftotext`) under a time limit, in
//! its own process group, with a memory limit, dying with its parent.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus};
use std::time::Duration;

use wait_timeout::ChildExt;

/// How a child run with [`finish`] ended.
pub enum Finished {
    /// It exited: its status and everything it wrote to stdout.
    Exited(ExitStatus, Vec<u8>),
    /// It ran over the time limit and was killed.
    TimedOut,
}

/// Make `cmd` start confined: in a process group of its own (killing the
/// group also kills whatever it started in it), killed when the thread that
/// started it dies (`PR_SET_PDEATHSIG`: a `kill -9` of baocao leaves no
/// worker running, and a killed worker leaves no `pdftotext`, which is
/// confined too), and with its address space limited to
/// `max_memory` bytes (`RLIMIT_AS`; inherited by its own children), so a
/// decompression bomb fails an allocation instead of taking the machine.
pub fn confine(cmd: &mut Command, max_memory: Option<u64>) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let parent = std::process::id();
        // SAFETY: the closure runs between fork and exec and calls only
        // async-signal-safe functions (setpgid, prctl, getppid, setrlimit,
        // _exit); it allocates nothing.
        unsafe {
            cmd.pre_exec(move || {
                libc::setpgid(0, 0);
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // The parent may have died before the death signal was set.
                if libc::getppid() as u32 != parent {
                    libc::_exit(1);
                }
                if let Some(bytes) = max_memory {
                    let limit = libc::rlimit {
                        rlim_cur: bytes as libc::rlim_t,
                        rlim_max: bytes as libc::rlim_t,
                    };
                    libc::setrlimit(libc::RLIMIT_AS, &limit);
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (cmd, max_memory);
}

/// Kill a child started with [`confine`] and everything in its process group.
pub fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: a plain system call; a group that is gone gives ESRCH.
        unsafe { libc::killpg(pid, libc::SIGKILL) };
    }
    let _ = child.kill();
}

/// Write `input` to the child's stdin and read its stdout, each on its own
/// thread (a child may fill its stdout pipe before it has read all of its
/// stdin, and a large output must not stall it), and kill it (and its
/// process group) after `timeout`. While it runs, the child is known to the
/// signal handler, which kills it if baocao is interrupted.
pub fn finish(
    child: &mut Child,
    input: Option<Vec<u8>>,
    timeout: Duration,
) -> std::io::Result<Finished> {
    let _tracked = crate::cleanup::track_group(child.id());
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(s), Some(input)) = (stdin.as_mut(), input) {
            // A child that dies early closes the pipe: its exit status tells why.
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let waited = child.wait_timeout(timeout);
    if !matches!(waited, Ok(Some(_))) {
        kill_group(child);
        let _ = child.wait();
    }
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    match waited? {
        Some(status) => Ok(Finished::Exited(status, out)),
        None => Ok(Finished::TimedOut),
    }
}
