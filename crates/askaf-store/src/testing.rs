//! A throwaway PostgreSQL for tests: one cluster per test binary, started at
//! the first test that asks for it, with a fresh database per test.
//!
//! The cluster lives in a temporary directory (`initdb` with fsync off,
//! trust authentication, the C locale so text sorts as SQLite sorts it),
//! listens on a free port of localhost and on a socket in that directory,
//! and is stopped and removed when the test binary ends, however it ends
//! (a panic, an abort, SIGKILL): a small watchdog, started in its own
//! session, waits for the test process to be gone, then stops the server
//! (`pg_ctl stop -m immediate`) and deletes the directory. A static that
//! owned the cluster would never be dropped: Rust runs no destructors of
//! statics at exit.
//!
//! Without PostgreSQL, [`database`] prints why and returns `None`, so the
//! test skips; with `ASKAF_REQUIRE_EXTERNAL=1` (as in CI) it panics instead.
//! `initdb` refuses to run as root, so as root every server command runs as
//! the `postgres` user (`runuser -u postgres`), in a directory it owns.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::Location;

/// The running cluster of this test binary.
#[derive(Debug)]
struct Cluster {
    bin: PathBuf,
    /// The temporary directory: the data directory, the log and the socket.
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
    /// Serving TCP over TLS only: the certificate authority's file.
    tls: Option<PathBuf>,
}

/// One test's database on the shared cluster; dropped (with `dropdb
/// --force`, which ends its connections) when this is.
#[derive(Debug)]
pub struct PgDatabase {
    name: String,
    cluster: &'static Cluster,
}

impl PgDatabase {
    /// Over TCP: `postgres://postgres@127.0.0.1:PORT/NAME`.
    pub fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{}",
            self.cluster.port, self.name
        )
    }

    /// Over the Unix socket in the cluster's directory.
    pub fn socket_url(&self) -> String {
        format!(
            "postgres:///{}?host={}&port={}&user=postgres",
            self.name,
            self.cluster.dir.display(),
            self.cluster.port
        )
    }

    pub fn location(&self) -> Location {
        Location::Postgres(self.url())
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = self
            .cluster
            .client("dropdb")
            .args(["--force", &self.name])
            .output();
    }
}

/// A fresh, empty database on this test binary's cluster (started at the
/// first call). `None`, after saying why, when PostgreSQL is not installed
/// and `ASKAF_REQUIRE_EXTERNAL` is not `1`.
///
/// # Panics
/// When PostgreSQL is missing and required, or installed but does not start.
pub fn database() -> Option<PgDatabase> {
    static CLUSTER: OnceLock<Result<Option<Cluster>, String>> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let cluster = match CLUSTER.get_or_init(|| Cluster::start(false)) {
        Ok(Some(c)) => c,
        Ok(None) => {
            let why = "PostgreSQL is not installed (no initdb on PATH or in \
                       /usr/lib/postgresql/*/bin): apt-get install postgresql";
            if std::env::var("ASKAF_REQUIRE_EXTERNAL").as_deref() == Ok("1") {
                panic!("{why}; ASKAF_REQUIRE_EXTERNAL=1 requires it");
            }
            eprintln!("skipped: {why}");
            return None;
        }
        Err(e) => panic!("the test PostgreSQL did not start: {e}"),
    };
    let name = format!("askaf_test_{}", NEXT.fetch_add(1, Ordering::Relaxed));
    cluster.createdb(&name);
    Some(PgDatabase { name, cluster })
}

/// A cluster of one test's own, for a test that stops and starts the
/// server (the shared one serves every other test of the binary). Removed,
/// like the shared one, when the test process is gone.
#[derive(Debug)]
pub struct PgServer {
    cluster: Cluster,
}

impl PgServer {
    /// A new cluster; `None` (or a panic) as for [`database`].
    pub fn start() -> Option<PgServer> {
        PgServer::start_with(false)
    }

    /// A new cluster whose TCP connections must use TLS (`hostssl` only),
    /// with a server certificate for `localhost` and `127.0.0.1` signed by
    /// a certificate authority of its own ([`PgServer::ca_file`]). It also
    /// listens on 127.0.0.2, which the certificate is not for. The socket
    /// still takes plain connections, for `createdb`.
    pub fn start_tls() -> Option<PgServer> {
        PgServer::start_with(true)
    }

    fn start_with(tls: bool) -> Option<PgServer> {
        match Cluster::start(tls) {
            Ok(Some(cluster)) => Some(PgServer { cluster }),
            Ok(None) => {
                // Says why, or panics when required.
                database();
                None
            }
            Err(e) => panic!("the test PostgreSQL did not start: {e}"),
        }
    }

    /// The certificate authority that signed the server's certificate, for
    /// `sslrootcert=`; `None` for a cluster without TLS.
    pub fn ca_file(&self) -> Option<&Path> {
        self.cluster.tls.as_deref()
    }

    /// A client certificate and its key for the user `postgres`, signed by
    /// [`PgServer::ca_file`]: the database `askaf_cert` of a TLS cluster
    /// takes no connection without it.
    pub fn client_cert(&self) -> Option<(PathBuf, PathBuf)> {
        let tls = self.cluster.tls.as_deref()?.parent()?;
        Some((tls.join("client.pem"), tls.join("client.key")))
    }

    /// The directory the cluster lives in (removed with it), where a test
    /// may keep files of its own.
    pub fn dir(&self) -> &Path {
        &self.cluster.dir
    }

    /// Creates the database `name`; returns its URL over TCP.
    pub fn create_database(&self, name: &str) -> String {
        self.cluster.createdb(name);
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.cluster.port)
    }

    /// Stops the server at once (`-m immediate`: connections are cut, as
    /// in a crash), and waits until it is down.
    pub fn stop(&self) {
        let mut stop = self.cluster.server("pg_ctl");
        stop.arg("-D")
            .arg(self.cluster.dir.join("data"))
            .args(["-w", "-m", "immediate", "stop"]);
        run(stop).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Starts the stopped server again on the same port.
    pub fn start_again(&self) {
        self.cluster
            .pg_ctl_start()
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The directory of `initdb`, `pg_ctl` and `createdb`: PATH, then the
/// newest of Debian's `/usr/lib/postgresql/VERSION/bin`.
fn find_bin() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(dir) = std::env::split_paths(&path).find(|d| has_all(d)) {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, bin)| has_all(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Runs a command, and says what it printed when it fails.
fn run(mut command: Command) -> Result<(), String> {
    let out = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The numeric id of the `postgres` user and group, for `chown`.
fn postgres_ids() -> Result<(u32, u32), String> {
    let id = |flag: &str| -> Result<u32, String> {
        let out = Command::new("id")
            .args([flag, "postgres"])
            .output()
            .map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| "there is no `postgres` user to run PostgreSQL as root".to_string())
    };
    Ok((id("-u")?, id("-g")?))
}

/// A shell word in single quotes.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Cluster {
    /// `Ok(None)` when PostgreSQL is not installed.
    fn start(tls: bool) -> Result<Option<Cluster>, String> {
        let Some(bin) = find_bin() else {
            return Ok(None);
        };
        let as_postgres = std::fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let dir = tempfile::Builder::new()
            .prefix("askaf-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?
            .keep();
        if as_postgres {
            let (uid, gid) = postgres_ids()?;
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).map_err(|e| e.to_string())?;
        }
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            as_postgres,
            tls: None,
        };
        // From here on the watchdog removes the directory, whatever happens.
        cluster.watch()?;
        let data = cluster.dir.join("data");
        let mut initdb = cluster.server("initdb");
        initdb.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        run(initdb)?;
        if tls {
            cluster.tls = Some(cluster.serve_tls_only()?);
        }
        // A port found free may be taken before the server binds it: try a few.
        let mut last = String::new();
        for _ in 0..3 {
            cluster.port = free_port()?;
            match cluster.pg_ctl_start() {
                Ok(()) => return Ok(Some(cluster)),
                Err(e) => last = e,
            }
        }
        let log = std::fs::read_to_string(cluster.dir.join("log")).unwrap_or_default();
        Err(format!("{last}\n{log}"))
    }

    /// Starts the server of the initialized cluster on its port.
    fn pg_ctl_start(&self) -> Result<(), String> {
        // fsync off: a commit reaches the operating system, not the disk,
        // which is fast and survives the server being killed (the fault
        // tests stop it with `-m immediate`). synchronous_commit stays on:
        // off, a commit acknowledged less than the WAL writer's 200 ms before
        // such a stop was lost, and the fault test failed whenever it ran fast.
        // A TLS cluster also listens on an address its certificate is not
        // for, which `sslmode=verify-full` must refuse.
        let listen = if self.tls.is_some() {
            "localhost,127.0.0.2"
        } else {
            "localhost"
        };
        let options = format!(
            "-p {} -k {} -c listen_addresses={listen} -c fsync=off \
             -c full_page_writes=off",
            self.port,
            self.dir.display()
        );
        let mut start = self.server("pg_ctl");
        start
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", "60", "-o", &options, "start"]);
        run(start)
    }

    /// Makes a certificate authority and a server certificate signed by it
    /// (with `openssl`, which Debian's `postgresql` brings with `ssl-cert`),
    /// turns TLS on, and lets TCP connections in over TLS only. Returns the
    /// authority's certificate file.
    fn serve_tls_only(&self) -> Result<PathBuf, String> {
        let tls = self.dir.join("tls");
        std::fs::create_dir(&tls).map_err(|e| e.to_string())?;
        let openssl = |args: &[&str]| {
            let mut c = Command::new("openssl");
            c.current_dir(&tls).args(args);
            run(c)
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ];
        openssl(
            &[
                &["req", "-x509"][..],
                &ec,
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=askaf test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            ]
            .concat(),
        )?;
        // A certificate NAME.pem and its key NAME.key, signed by the authority.
        let signed = |name: &str, subject: &str, extensions: &str| {
            let (key, csr, pem, ext) = (
                format!("{name}.key"),
                format!("{name}.csr"),
                format!("{name}.pem"),
                format!("{name}.ext"),
            );
            let request = [
                &["req"][..],
                &ec,
                &["-keyout", &key, "-out", &csr, "-subj", subject],
            ];
            openssl(&request.concat())?;
            std::fs::write(tls.join(&ext), extensions).map_err(|e| e.to_string())?;
            openssl(&[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &pem,
                "-days",
                "2",
                "-extfile",
                &ext,
            ])
        };
        signed(
            "server",
            "/CN=localhost",
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
             keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
        )?;
        // A client certificate for the user `postgres`, which the database
        // `askaf_cert` asks for.
        signed(
            "client",
            "/CN=postgres",
            "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n",
        )?;
        // The server refuses a key others may read.
        std::fs::set_permissions(
            tls.join("server.key"),
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .map_err(|e| e.to_string())?;
        if self.as_postgres {
            let (uid, gid) = postgres_ids()?;
            for file in ["server.key", "server.pem"] {
                std::os::unix::fs::chown(tls.join(file), Some(uid), Some(gid))
                    .map_err(|e| e.to_string())?;
            }
        }
        let data = self.dir.join("data");
        let mut conf = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(
            &mut conf,
            format!(
                "\nssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\nssl_ca_file = '{}'\n",
                tls.join("server.pem").display(),
                tls.join("server.key").display(),
                tls.join("ca.pem").display()
            )
            .as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\n\
             hostssl askaf_cert all 127.0.0.1/32 cert\n\
             hostssl all all 127.0.0.0/8 trust\n\
             hostssl all all ::1/128 trust\n\
             hostnossl all all 0.0.0.0/0 reject\n\
             hostnossl all all ::/0 reject\n",
        )
        .map_err(|e| e.to_string())?;
        Ok(tls.join("ca.pem"))
    }

    /// A server program, as the `postgres` user when this process is root.
    fn server(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    /// Creates an empty database; panics, saying why, if it cannot.
    fn createdb(&self, name: &str) {
        let out = self
            .client("createdb")
            .arg(name)
            .output()
            .unwrap_or_else(|e| panic!("cannot run createdb: {e}"));
        assert!(
            out.status.success(),
            "createdb {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A client program (`createdb`, `dropdb`) talking to this cluster.
    fn client(&self, program: &str) -> Command {
        let mut c = Command::new(self.bin.join(program));
        c.arg("-h")
            .arg(&self.dir)
            .args(["-p", &self.port.to_string(), "-U", "postgres"]);
        c
    }

    /// Starts the watchdog that stops the server and removes the directory
    /// once this process is gone.
    fn watch(&self) -> Result<(), String> {
        let stop = format!(
            "{} {} -D {} -m immediate stop",
            if self.as_postgres {
                "runuser -u postgres --"
            } else {
                ""
            },
            quote(&self.bin.join("pg_ctl").to_string_lossy()),
            quote(&self.dir.join("data").to_string_lossy()),
        );
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; \
             if [ -f {data}/postmaster.pid ]; then {stop}; fi; rm -rf {dir}",
            pid = std::process::id(),
            data = quote(&self.dir.join("data").to_string_lossy()),
            dir = quote(&self.dir.to_string_lossy()),
        );
        Command::new("setsid")
            .args(["sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the cleanup watchdog: {e}"))?;
        Ok(())
    }
}
