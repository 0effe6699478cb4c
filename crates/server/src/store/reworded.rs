//! Migrations whose comments were reworded after stores had applied them (their statements
//! are unchanged): sqlx refuses a store whose applied migration's checksum differs from the
//! embedded one, so before migrating, a store that applied the old wording has its recorded
//! checksum moved to the new one. Only the exact old checksum is accepted, so a migration
//! whose statements changed is still refused.

use sqlx::migrate::Migrator;

/// (version, SHA-384 of the migration as first applied), per engine. The rewording replaced
/// references to a design file outside the repository by the rules of `docs/product.md`.
pub const SQLITE: &[(i64, &str)] = &[
    (5, "8982dfea897a2f6d23c2e5d75f31758377314ef310c422575b6cb16b20e1f675fb35ede57abe629327420cd839065249"),
    (6, "90121b697ae32352c5cb3d419b73342ee1e0d35ac1b0e371ada13f9cde3a4acdea3de267e3e321da5813e7305c27fb5a"),
];
pub const POSTGRES: &[(i64, &str)] = &[
    (5, "9064b2b6fbd350b6131d598156db1795e67abb229a51b7e55b365f5ee6aa5b528659b7b17b5b0f2b81918e6613803588"),
    (7, "e28f5aae47ecda8b37eade1c48ca34f5c0b32c01784997356a17cfd8057e27d07a08eecb417f5eaf338d305d0f7d8ea0"),
];

/// What to run on a store with an applied-migrations table: for each reworded migration,
/// (new checksum, version, old checksum), to bind to
/// `UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3`.
pub fn updates(migrator: &Migrator, reworded: &[(i64, &str)]) -> Vec<(Vec<u8>, i64, Vec<u8>)> {
    reworded
        .iter()
        .filter_map(|(version, old)| {
            let migration = migrator.iter().find(|m| m.version == *version)?;
            Some((migration.checksum.to_vec(), *version, hex(old)))
        })
        .collect()
}

pub const UPDATE: &str =
    "UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("a hex checksum"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_old_checksums_are_of_the_old_wording_and_differ_from_the_new() {
        let sqlite = sqlx::migrate!("./migrations/sqlite");
        let postgres = sqlx::migrate!("./migrations/postgres");
        for (migrator, reworded) in [(&sqlite, super::SQLITE), (&postgres, super::POSTGRES)] {
            let updates = super::updates(migrator, reworded);
            assert_eq!(updates.len(), reworded.len());
            for (new, _, old) in updates {
                assert_eq!(old.len(), 48);
                assert_ne!(new, old);
            }
        }
    }
}
