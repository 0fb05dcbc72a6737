//! Nothing is lost: a render killed with SIGKILL at any moment leaves the destination
//! holding either the previous good file or the complete new one, never a partial file.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::*;

#[test]
fn a_killed_render_leaves_the_old_file_or_the_complete_new_one() {
    let (_ref_dir, ref_pdf, ref_docx) = render(SAMPLE);
    let new_pdf = std::fs::read(&ref_pdf).unwrap();
    let new_docx = std::fs::read(&ref_docx).unwrap();
    let old: &[u8] = b"%PDF-1.7 the previous good report";

    // How long a full render takes here, to spread the kills over it.
    let t0 = Instant::now();
    let _ = render(SAMPLE);
    let full = t0.elapsed();

    let dir = tempfile::tempdir().unwrap();
    let dest_pdf = dir.path().join("mojokerto-2021.pdf");
    let dest_docx = dir.path().join("mojokerto-2021.docx");
    let mut outcomes = [0usize; 2];
    let kills = 16u32;
    for i in 0..kills {
        std::fs::write(&dest_pdf, old).unwrap();
        std::fs::write(&dest_docx, old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip"))
            .args(["render", SAMPLE, "-o", dir.path().to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Deterministic spread from 0 to 120% of a full render.
        std::thread::sleep(full.mul_f64(f64::from(i) * 1.2 / f64::from(kills)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for (dest, new) in [(&dest_pdf, &new_pdf), (&dest_docx, &new_docx)] {
            let got = std::fs::read(dest).unwrap();
            if got == old {
                outcomes[0] += 1;
            } else if &got == new {
                outcomes[1] += 1;
            } else {
                panic!(
                    "kill {i}: {} holds {} bytes that are neither the old nor the new file",
                    dest.display(),
                    got.len()
                );
            }
        }
    }
    assert!(
        outcomes[0] > 0,
        "no kill landed before the rename (spread too late?)"
    );
    eprintln!(
        "kills: {kills}, old kept {} times, new complete {} times",
        outcomes[0], outcomes[1]
    );
    // A complete run afterwards clears the temporary files that the killed runs left.
    let out = Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args(["render", SAMPLE, "-o", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "left behind: {names:?}");
    assert!(Path::new(&dest_pdf).exists());
}
