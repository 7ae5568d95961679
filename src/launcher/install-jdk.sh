#!/usr/bin/env bash
# install-jdk.sh RELEASE CACHE_DIR
#
# Obtains a private JDK RELEASE (21, 25 or 26) for vtlab on a Debian-like machine whose own archive lacks it
# (Debian 12 has none of them). Prints the new JAVA_HOME on stdout; everything else goes to stderr. Exit 0 only when
# the JDK passed its self-test. Debian only, so it may use GNU tools (flock, readlink -f, find -print0); the
# launcher does not.
#
# How: Debian 13 (trixie) builds openjdk-21 and openjdk-25 against glibc 2.41, newer than Debian 12's 2.36, and
# Debian 14 (forky, still testing) builds openjdk-26 against 2.43. So we download that suite's openjdk-RELEASE *and*
# its libc6 with a private apt state (the system's /etc/apt, /var/lib/apt, /var/cache/apt and /var/lib/dpkg are
# only read, never written), unpack both with dpkg-deb -x, and point every JDK executable at the private glibc with
# patchelf. Nothing is installed system-wide.
#
# Layout (CACHE=$2, N=RELEASE):
#   CACHE/jdk-N                   symlink -> jdk-N.d.XXXXXX/usr/lib/jvm/java-N-openjdk-amd64 (the JAVA_HOME)
#   CACHE/jdk-N/vtlab-complete    marker, written only after the self-test passed
#   CACHE/jdk-N.d.XXXXXX/         the unpacked packages (usr/lib/jvm/..., usr/lib/<triplet> = private glibc)
#   CACHE/.install-N.lock         flock: one install of a release at a time per cache; installs of two releases
#                                 do not wait for each other (./vtlab counter never waits for a JDK 25 install)
#   CACHE/.work-N.XXXXXX/         the private apt state and downloads, deleted at the end
# The patched executables name the private glibc by absolute path, so an install cannot be moved: it is built in
# its final directory and published by atomically replacing the jdk-N symlink. A half-finished install is never
# reachable through CACHE/jdk-N, and a leftover one is deleted by the next install of that release.
#
# Environment (all optional):
#   VTLAB_DEBIAN_MIRROR           Debian archive URL (default: the one this machine's apt sources use)
#   VTLAB_DEBIAN_SECURITY_MIRROR  Debian security archive URL (default: likewise)
#   VTLAB_TLS_CHECK_HOST          host for the self-test's TLS handshake (default repo.maven.apache.org; "" skips)
#   VTLAB_SYSTEM_CACERTS          the system's Java truststore (default /etc/ssl/certs/java/cacerts)
#   VTLAB_KEEP_WORK=1             keep the download directory (debugging)
set -euo pipefail

readonly MARKER=vtlab-complete
readonly NEED_FREE_MB=600

say() { printf 'vtlab: %s\n' "$*" >&2; }
die() { printf 'vtlab: error: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 2 && $1 =~ ^[0-9]+$ && -n $2 ]] || die "usage: install-jdk.sh RELEASE CACHE_DIR (e.g. 25 ~/.cache/vtlab)"
readonly RELEASE=$1
# The Debian suite that has openjdk-RELEASE built against a glibc we can carry along. One line per release.
case $RELEASE in
    21 | 25) SUITE=trixie ;;
    26) SUITE=forky ;;     # Debian 14, in testing: its packages change more often than a release's
    *) die "vtlab can obtain JDK 21, 25 and 26 only; install a JDK $RELEASE yourself, set VTLAB_JAVA${RELEASE}_HOME" ;;
esac
readonly SUITE
readonly PACKAGES=("openjdk-$RELEASE-jre-headless" "openjdk-$RELEASE-jdk-headless" libc6)
mkdir -p -- "$2"
CACHE=$(cd -- "$2" && pwd -P)
[[ $CACHE != *:* ]] || die "cache directory '$CACHE' contains ':', which cannot appear in an RPATH"
FINAL=$CACHE/jdk-$RELEASE

# --- preconditions ------------------------------------------------------------------------------------------
[[ -f /etc/debian_version ]] || die "this installer needs a Debian-like system (no /etc/debian_version)"
for tool in apt-get dpkg dpkg-deb flock df mktemp; do
    command -v "$tool" >/dev/null 2>&1 || die "this installer needs '$tool', which is not on PATH"
done
ARCH=$(dpkg --print-architecture)
case $ARCH in
    amd64) TRIPLET=x86_64-linux-gnu;  LDSO=ld-linux-x86-64.so.2 ;;
    arm64) TRIPLET=aarch64-linux-gnu; LDSO=ld-linux-aarch64.so.1 ;;
    *) die "unsupported architecture '$ARCH' (amd64 and arm64 are supported)" ;;
esac
os_release() { sed -n "s/^$1=//p" /etc/os-release 2>/dev/null | tr -d "\"'" | head -n1 || true; }
HOST_ID=$(os_release ID)
HOST_CODENAME=$(os_release VERSION_CODENAME)
if [[ $HOST_ID != debian ]]; then
    die "automatic install of JDK $RELEASE supports Debian only (this is '${HOST_ID:-unknown}'); install your
distribution's openjdk-$RELEASE-jdk package or a Temurin $RELEASE, then point vtlab at it (./vtlab jdk says how)"
fi

# --- one install at a time ----------------------------------------------------------------------------------
exec 9>"$CACHE/.install-$RELEASE.lock"
if ! flock -n 9; then
    say "another vtlab is installing JDK $RELEASE into $CACHE; waiting for it..."
    flock 9
fi

is_complete() {  # the JDK at $1 has the marker and still starts
    [[ -f $1/$MARKER && -x $1/bin/java ]] && "$1/bin/java" -version >/dev/null 2>&1
}
if is_complete "$FINAL"; then      # someone else finished while we waited for the lock
    readlink -f -- "$FINAL"
    exit 0
fi

avail_kb=$(df -Pk -- "$CACHE" | awk 'NR==2 {print $4}')
if [[ $avail_kb =~ ^[0-9]+$ ]] && (( avail_kb < NEED_FREE_MB * 1024 )); then
    die "only $((avail_kb / 1024)) MB free in $CACHE; installing JDK $RELEASE needs about $NEED_FREE_MB MB"
fi

# Leftovers of interrupted installs of this release (we hold its lock, so nobody is using them) and an unmarked
# jdk-N.
find "$CACHE" -maxdepth 1 -name ".work-$RELEASE.*" -exec rm -rf -- {} +
for old in "$CACHE/jdk-$RELEASE.d."*; do
    [[ -e $old ]] || continue
    [[ $(readlink -f -- "$FINAL" 2>/dev/null) == "$old"/* ]] || rm -rf -- "$old"
done
if [[ -e $FINAL && ! -L $FINAL ]]; then
    rm -rf -- "$FINAL"             # a plain directory without (valid) marker: never ours to trust
fi

START=$SECONDS
INSTALL=$(mktemp -d "$CACHE/jdk-$RELEASE.d.XXXXXX")
WORK=$(mktemp -d "$CACHE/.work-$RELEASE.XXXXXX")
published=0
cleanup() {
    if [[ ${VTLAB_KEEP_WORK:-0} != 1 ]]; then rm -rf -- "$WORK"; else say "kept $WORK"; fi
    if (( ! published )); then rm -rf -- "$INSTALL"; fi
}
trap cleanup EXIT

say "obtaining JDK $RELEASE (one time, about 150 MB to download) into $CACHE ..."

# --- which mirror does this machine use? --------------------------------------------------------------------
# Prints "URI SUITE" for every enabled 'deb' entry of the system's apt sources (one-line and deb822 formats).
host_apt_entries() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' -- "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        awk '
            function flush(   i, j) {
                if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no")
                    for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
                types = ""; enabled = ""; nu = 0; ns = 0
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            /^[A-Za-z-]+:/ {
                key = tolower($1); sub(/:$/, "", key); $1 = ""
                if (key == "types") types = $0
                else if (key == "enabled") { enabled = $0; gsub(/ /, "", enabled) }
                else if (key == "uris") nu = split($0, u, " ")
                else if (key == "suites") ns = split($0, s, " ")
            }
            END { flush() }' "$f"
    done
}
# First URI serving one of the given suites (in order of preference), else nothing.
mirror_for() {
    awk -v wants="$*" '
        BEGIN { n = split(wants, w, " ") }
        $1 ~ /^(file|cdrom|copy):/ { next }
        { sub(/\/+$/, "", $1); for (i = 1; i <= n; i++) if ($2 == w[i] && !(i in found)) found[i] = $1 }
        END { for (i = 1; i <= n; i++) if (i in found) { print found[i]; exit } }' <<<"$HOST_ENTRIES"
}
HOST_ENTRIES=$(host_apt_entries || true)
MAIN_MIRROR=${VTLAB_DEBIAN_MIRROR:-}
SEC_MIRROR=${VTLAB_DEBIAN_SECURITY_MIRROR:-}
if [[ -n $HOST_CODENAME ]]; then
    MAIN_MIRROR=${MAIN_MIRROR:-$(mirror_for "$HOST_CODENAME" "$HOST_CODENAME-updates")}
    SEC_MIRROR=${SEC_MIRROR:-$(mirror_for "$HOST_CODENAME-security" "$HOST_CODENAME/updates")}
fi
MAIN_MIRROR=${MAIN_MIRROR:-http://deb.debian.org/debian}
SEC_MIRROR=${SEC_MIRROR:-http://deb.debian.org/debian-security}

# Debian 12's debian-archive-keyring already carries the trixie keys.
SIGNED_BY=""
if [[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
    SIGNED_BY="Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
fi   # else: apt's default trusted keys (/etc/apt/trusted.gpg.d), read-only

# --- private apt state --------------------------------------------------------------------------------------
patchelf_bin=$(command -v patchelf 2>/dev/null || true)
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/sources.list.d" "$WORK/preferences.d" \
         "$WORK/debs" "$WORK/tools"
: >"$WORK/sources.list"
: >"$WORK/preferences"
{
    printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nArchitectures: %s\n%s\n\n' \
        "$MAIN_MIRROR" "$SUITE" "$SUITE" "$ARCH" "$SIGNED_BY"
    printf 'Types: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nArchitectures: %s\n%s\n\n' \
        "$SEC_MIRROR" "$SUITE" "$ARCH" "$SIGNED_BY"
    if [[ -z $patchelf_bin ]]; then
        # trixie's patchelf itself needs glibc 2.38: take the one built for this machine's own release.
        [[ -n $HOST_CODENAME ]] || die "patchelf is not installed and the Debian release is unknown"
        printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: %s\n%s\n\n' \
            "$MAIN_MIRROR" "$HOST_CODENAME" "$ARCH" "$SIGNED_BY"
    fi
} >"$WORK/sources.list.d/vtlab.sources"

APT_OPTS=(
    -o "Dir::Etc::SourceList=$WORK/sources.list"
    -o "Dir::Etc::SourceParts=$WORK/sources.list.d"
    -o "Dir::Etc::Preferences=$WORK/preferences"
    -o "Dir::Etc::PreferencesParts=$WORK/preferences.d"
    -o "Dir::State::Lists=$WORK/lists"
    -o "Dir::Cache=$WORK/cache"
    -o "Dir::State::extended_states=$WORK/extended_states"
    -o "APT::Default-Release="
    -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none"
    -o "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false"
    -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
    -o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
    -o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false"
    -o "Acquire::IndexTargets::deb::DEP-11-icons-hidpi::DefaultEnabled=false"
)
run_logged() {  # run_logged LOGNAME cmd...: output to a log, shown only on failure
    local log=$WORK/$1.log; shift
    if ! "$@" >"$log" 2>&1; then
        cat -- "$log" >&2
        die "'$*' failed (output above)"
    fi
}

say "  package indexes from $MAIN_MIRROR and $SEC_MIRROR ($SUITE)"
run_logged apt-update apt-get "${APT_OPTS[@]}" update
if grep -E '^(W|E): (Failed to fetch|GPG error|The repository .* is not signed|Some index files failed)' \
        "$WORK/apt-update.log" >&2; then
    die "apt-get update of the $SUITE indexes failed (see above)"
fi

downloads=("${PACKAGES[@]}")
[[ -n $patchelf_bin ]] || downloads+=("patchelf/$HOST_CODENAME")
say "  downloading ${downloads[*]}"
(cd "$WORK/debs" && run_logged apt-download apt-get "${APT_OPTS[@]}" download "${downloads[@]}")

# --- unpack ---------------------------------------------------------------------------------------------------
say "  unpacking"
for deb in "$WORK"/debs/*.deb; do
    case ${deb##*/} in
        patchelf_*) dpkg-deb -x "$deb" "$WORK/tools" ;;
        *)          dpkg-deb -x "$deb" "$INSTALL" ;;
    esac
done
[[ -n $patchelf_bin ]] || patchelf_bin=$WORK/tools/usr/bin/patchelf
[[ -x $patchelf_bin ]] || die "no usable patchelf (expected $patchelf_bin)"

JDK=$INSTALL/usr/lib/jvm/java-$RELEASE-openjdk-$ARCH
GLIBC=$INSTALL/usr/lib/$TRIPLET
[[ -x $JDK/bin/java ]] || die "the openjdk-$RELEASE packages did not contain $JDK/bin/java"
[[ -f $GLIBC/$LDSO ]]  || die "the libc6 package did not contain $GLIBC/$LDSO"

# --- links into /etc: use the unpacked copies (without jvm.cfg, java does not start) ------------------------
while IFS= read -r -d '' link; do
    target=$(readlink -- "$link")
    case $target in
        */cacerts) ;;   # the truststore, handled below
        "/etc/java-$RELEASE-openjdk/"*)
            [[ -f $INSTALL$target ]] || die "$link points to $target, which the packages do not contain"
            cp --remove-destination -- "$INSTALL$target" "$link" ;;
    esac
done < <(find "$JDK" -type l -lname '/etc/*' -print0)

# --- truststore ---------------------------------------------------------------------------------------------
# The system's store, as Debian's own JDK does: these machines may add their own CA at boot, so a copy made now
# could go stale. Where there is none, build a PKCS12 store from the system's PEM bundle.
CACERTS=$JDK/lib/security/cacerts
SYSTEM_CACERTS=${VTLAB_SYSTEM_CACERTS:-/etc/ssl/certs/java/cacerts}
rm -f -- "$CACERTS"
if [[ -s $SYSTEM_CACERTS ]]; then
    ln -s -- "$SYSTEM_CACERTS" "$CACERTS"
    TRUSTSTORE_KIND="link to $SYSTEM_CACERTS"
else
    TRUSTSTORE_KIND="built from /etc/ssl/certs/ca-certificates.crt"
fi

# --- patch every ELF executable that has an interpreter -----------------------------------------------------
say "  pointing the JDK's executables at the private glibc ($GLIBC)"
patched=0
while IFS= read -r -d '' f; do
    [[ $(head -c 4 -- "$f" | od -An -c | tr -d ' \n') == '177ELF' ]] || continue
    "$patchelf_bin" --print-interpreter "$f" >/dev/null 2>&1 || continue   # shared libraries keep $ORIGIN
    old_rpath=$("$patchelf_bin" --print-rpath "$f")
    "$patchelf_bin" --set-interpreter "$GLIBC/$LDSO" --force-rpath \
        --set-rpath "$GLIBC${old_rpath:+:$old_rpath}" "$f"
    patched=$((patched + 1))
done < <(find "$JDK/bin" "$JDK/lib" -type f -print0)
(( patched >= 20 )) || die "patched only $patched executables; expected about 30"
for must in bin/java bin/javac bin/jfr lib/jspawnhelper; do
    [[ $("$patchelf_bin" --print-interpreter "$JDK/$must") == "$GLIBC/$LDSO" ]] || die "$must was not patched"
done

if [[ ! -e $CACERTS ]]; then
    [[ -s /etc/ssl/certs/ca-certificates.crt ]] ||
        die "no system truststore: neither $SYSTEM_CACERTS nor /etc/ssl/certs/ca-certificates.crt"
    cat >"$WORK/BuildTrustStore.java" <<'EOF'
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** BuildTrustStore PEM_BUNDLE OUT: every certificate of the bundle as a trusted entry of a PKCS12 store. */
public class BuildTrustStore {
    public static void main(String[] args) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        try (var in = new FileInputStream(args[0])) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("system-ca-" + n++, c);
            }
        }
        if (n == 0) throw new IllegalStateException("no certificates in " + args[0]);
        try (var out = new FileOutputStream(args[1])) {
            store.store(out, "changeit".toCharArray());
        }
        System.err.println("vtlab:   truststore: " + n + " certificates");
    }
}
EOF
    # Unencrypted certificate bags and no MAC: the JDK reads the default truststore without a password.
    "$JDK/bin/java" -Dkeystore.pkcs12.certProtectionAlgorithm=NONE -Dkeystore.pkcs12.macAlgorithm=NONE \
        "$WORK/BuildTrustStore.java" /etc/ssl/certs/ca-certificates.crt "$CACERTS" ||
        die "could not build a truststore from /etc/ssl/certs/ca-certificates.crt"
fi

# --- self-test, then the marker -----------------------------------------------------------------------------
say "  self-test"
# Major version from `java -version` / `javac -version` output: "21.0.13.1" -> 21, "1.8.0_392" -> 8.
major_of() {
    local v
    v=$(grep -oE 'version "[^"]*"|^javac [0-9][^ ]*' | head -n1 | sed -E 's/^version "//; s/"$//; s/^javac //' || true)
    [[ $v == 1.* ]] && v=${v#1.}
    printf '%s' "${v%%[!0-9]*}"
}
jv=$("$JDK/bin/java" -version 2>&1) || die "java -version failed: $jv"
[[ $(major_of <<<"$jv") == "$RELEASE" ]] || die "java -version does not report $RELEASE: $jv"
cv=$("$JDK/bin/javac" -version 2>&1) || die "javac -version failed: $cv"
[[ $(major_of <<<"$cv") == "$RELEASE" ]] || die "javac -version does not report $RELEASE: $cv"
[[ -x $JDK/bin/jfr ]] || die "jfr is missing"
"$JDK/bin/jfr" --version >/dev/null 2>&1 || die "jfr does not start"

cat >"$WORK/SelfTest.java" <<'EOF'
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** SelfTest RELEASE [TLS_HOST]: the JDK is RELEASE, can start processes (jspawnhelper), has a usable truststore. */
public class SelfTest {
    public static void main(String[] args) throws Exception {
        int feature = Runtime.version().feature();
        if (feature != Integer.parseInt(args[0])) fail("runtime is " + Runtime.version() + ", not " + args[0]);

        Process p = new ProcessBuilder("true").inheritIO().start();
        if (p.waitFor() != 0) fail("ProcessBuilder(\"true\") exited " + p.exitValue());

        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        int anchors = Arrays.stream(tmf.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .mapToInt(tm -> ((X509TrustManager) tm).getAcceptedIssuers().length).sum();
        if (anchors == 0) fail("the truststore has no trusted certificates");

        String host = args.length > 1 ? args[1] : "";
        if (host.isEmpty()) return;
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(host, 443), 10_000);
            } catch (IOException unreachable) {   // no network is not the JDK's fault
                System.err.println("vtlab:   (TLS handshake not tried: " + host + " unreachable: " + unreachable + ")");
                return;
            }
            plain.setSoTimeout(15_000);
            var factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            try (var tls = (SSLSocket) factory.createSocket(plain, host, 443, true)) {
                tls.startHandshake();
            } catch (SSLException e) {
                fail("TLS handshake with " + host + " failed (truststore?): " + e);
            }
        }
    }

    private static void fail(String why) {
        System.err.println("vtlab: self-test failed: " + why);
        System.exit(1);
    }
}
EOF
"$JDK/bin/java" "$WORK/SelfTest.java" "$RELEASE" "${VTLAB_TLS_CHECK_HOST-repo.maven.apache.org}" ||
    die "the unpacked JDK failed its self-test"

{
    printf 'vtlab JDK %s install, complete and self-tested\n' "$RELEASE"
    printf 'java: %s\n' "$(head -n1 <<<"$jv")"
    printf 'glibc: %s\n' "$GLIBC"
    printf 'truststore: %s\n' "$TRUSTSTORE_KIND"
    printf 'mirrors: %s %s\n' "$MAIN_MIRROR" "$SEC_MIRROR"
    printf 'installed: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$JDK/$MARKER"

# --- publish atomically -------------------------------------------------------------------------------------
ln -s -- "${JDK#"$CACHE"/}" "$CACHE/.jdk-$RELEASE.new.$$"
mv -T -f -- "$CACHE/.jdk-$RELEASE.new.$$" "$FINAL"
published=1
for old in "$CACHE/jdk-$RELEASE.d."*; do
    [[ $old == "$INSTALL" ]] || rm -rf -- "$old"
done

mb=$(du -sm -- "$INSTALL" | cut -f1)
say "JDK $RELEASE ready in $((SECONDS - START)) s ($mb MB): $FINAL -> $JDK"
printf '%s\n' "$JDK"
