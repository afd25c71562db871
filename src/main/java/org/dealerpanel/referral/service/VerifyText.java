package org.dealerpanel.referral.service;

/** VERIFY.txt: how a recipient checks a bundle with standard tools (sha256sum, unzip, grep, sed, stat), in English and Chinese. */
final class VerifyText {
    private VerifyText() {
    }

    static String render(Evidence e) {
        long id = e.referral().id;
        String zip = "referral-" + id + "-bundle.zip";
        return """
                Evidence bundle of referral %1$d: %2$s
                TLP:%3$s. Built %4$s by %5$s with %6$s %7$s.

                HOW TO VERIFY THIS BUNDLE (standard tools only: sha256sum, unzip, grep, sed, stat, sort, diff)

                1. Before unpacking, hash the zip. The tracker recorded its SHA-256 when the referral was submitted
                   (referral page, API field bundle.sha256, audit entry "referral.submit"); the sender gives it to you
                   with the referral. The two must be equal:
                       sha256sum %8$s

                2. Unpack into an empty directory:
                       mkdir bundle && unzip -q %8$s -d bundle && cd bundle

                3. Check every file listed in SHA256SUMS (every file except SHA256SUMS itself and manifest.json).
                   Every line must end in ": OK" and the command must exit with status 0:
                       sha256sum -c SHA256SUMS

                4. Check manifest.json, which lists every file except itself (SHA256SUMS included) with its SHA-256
                   and size, one file per line:
                   a) the hashes (every line must end in ": OK"):
                       grep -o '"path": "[^"]*", "sha256": "[0-9a-f]*"' manifest.json | sed -E 's/"path": "([^"]*)", "sha256": "([0-9a-f]*)"/\\2  \\1/' | sha256sum -c
                   b) the sizes (prints nothing when all agree):
                       grep -o '"path": "[^"]*", "sha256": "[0-9a-f]*", "size": [0-9]*' manifest.json | sed -E 's/"path": "([^"]*)", "sha256": "[0-9a-f]*", "size": ([0-9]*)/\\2 \\1/' | while read -r size path; do [ "$(stat -c %%s "$path")" = "$size" ] || echo "SIZE MISMATCH: $path"; done
                   c) nothing missing, nothing added (prints nothing when the lists agree):
                       grep -o '"path": "[^"]*"' manifest.json | sed -E 's/"path": "([^"]*)"/\\1/' | sort > ../listed.txt
                       find . -type f ! -name manifest.json | sed 's|^\\./||' | sort | diff ../listed.txt -
                   The SHA-256 of manifest.json itself (sha256sum manifest.json) is recorded by the tracker as
                   bundle.manifestSha256.

                5. The original images are stored under their own SHA-256: the name of images/<sha256>.<ext> is the
                   hash of its bytes, the hash the tracker recorded when the image was collected (collection-record.csv).

                What is inside: summary.pdf (the summary, TLP label on every page); collection-record.csv (each item:
                what, when collected, by whom, from which account and platform, type, format, SHA-256);
                accounts/<id>/observations.csv, posts.csv, account.json; images/ (originals, OCR text, matches);
                audit.csv (the audit entries about these accounts, each with the hash of the entry before it).

                ------------------------------------------------------------------------------------------------
                核验方法（仅用标准工具：sha256sum、unzip、grep、sed、stat、sort、diff）

                1. 解压前先计算压缩包的 SHA-256：  sha256sum %8$s
                   其值须与本系统在提交转介时记录的值（转介页面、API 字段 bundle.sha256、审计记录 "referral.submit"）一致。
                2. 解压到空目录：  mkdir bundle && unzip -q %8$s -d bundle && cd bundle
                3. 核对 SHA256SUMS 所列全部文件（除 SHA256SUMS 和 manifest.json 外的所有文件），每行须以 ": OK" 结尾：
                       sha256sum -c SHA256SUMS
                4. 核对 manifest.json（列出除其自身外的所有文件及其 SHA-256 和大小）：使用上文第 4 步 a)、b)、c) 的命令；
                   manifest.json 本身的 SHA-256 由本系统记录为 bundle.manifestSha256。
                5. 原始图片以其 SHA-256 命名：images/<sha256>.<扩展名> 的文件名即其内容的哈希值。
                """.formatted(id, e.referral().title, e.referral().tlp, e.builtAt(), e.builtBy(), e.service(),
                e.serviceVersion(), zip);
    }
}
