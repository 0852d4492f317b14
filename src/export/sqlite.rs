//! SQLite output: the same tables as the CSV export, in one indexed file.
//!
//! Idempotent by design: a document is keyed by its id (the input's sha256),
//! and writing it deletes whatever rows that id had before, so re-running an
//! export on the same inputs replaces rows instead of adding copies. The whole
//! run is one transaction, so readers see either the old or the new data and
//! an interrupted run changes nothing; each document is also a savepoint, so
//! one document that cannot be written does not lose the others.

use std::path::Path;

use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection};

use super::rows::{Cell, DocRows, Table};
use super::{ExportError, TableSink};

/// Layout version of the database, kept in `PRAGMA user_version`. Version 2
/// renamed the SQL-hostile columns (`path`, `start`, `end`, `check`);
/// version 3 added `funds.source`.
pub const LAYOUT_VERSION: i64 = 3;

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Owned(Value::Null),
            Cell::Int(n) => ToSqlOutput::Owned(Value::Integer(*n)),
            Cell::Real(x) => ToSqlOutput::Owned(Value::Real(*x)),
            Cell::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

/// Quote an identifier: the table `references` is an SQL keyword.
fn q(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Secondary indexes, beyond the `(doc_id, idx)` key of every item table.
const INDEXES: &[(&str, Table, &str)] = &[
    ("references_number", Table::References, "number"),
    ("references_kind", Table::References, "kind"),
    ("products_name", Table::Products, "name"),
    ("products_locality", Table::Products, "locality"),
];

/// `product_stars`: every product with stars, with its document's date.
const VIEWS: &str = r#"
CREATE VIEW IF NOT EXISTS product_stars AS
SELECT p.name AS product,
       p.producer AS producer,
       p.locality AS locality,
       p.stars AS stars,
       d.source_path AS document,
       d.date AS date,
       d.number AS document_number,
       d.locality AS document_locality,
       p.doc_id AS doc_id,
       p.page AS page,
       p.section_path AS section_path
FROM products AS p JOIN documents AS d ON d.doc_id = p.doc_id
WHERE p.stars IS NOT NULL;
"#;

/// The statements that create the database layout, derived from
/// [`Table::columns`].
pub fn schema_sql() -> String {
    let mut sql = String::new();
    for table in Table::ALL {
        let cols: Vec<String> = table
            .columns()
            .iter()
            .map(|c| {
                let mut def = format!("{} {}", q(c.name), c.kind.sql());
                if c.name == "doc_id" {
                    def.push_str(" NOT NULL");
                    if table == Table::Documents {
                        def.push_str(" PRIMARY KEY");
                    } else {
                        def.push_str(" REFERENCES documents(doc_id) ON DELETE CASCADE");
                    }
                } else if c.name == "source_path" || c.name == "idx" {
                    def.push_str(" NOT NULL");
                }
                def
            })
            .collect();
        sql.push_str(&format!(
            "CREATE TABLE IF NOT EXISTS {} (\n  {}\n);\n",
            q(table.name()),
            cols.join(",\n  ")
        ));
        if table != Table::Documents {
            // The item key; it also serves every lookup by document id.
            sql.push_str(&format!(
                "CREATE UNIQUE INDEX IF NOT EXISTS {}_doc_id ON {}(doc_id, idx);\n",
                table.name(),
                q(table.name())
            ));
        }
    }
    sql.push_str("CREATE INDEX IF NOT EXISTS documents_path ON documents(source_path);\n");
    for (name, table, col) in INDEXES {
        sql.push_str(&format!(
            "CREATE INDEX IF NOT EXISTS {name} ON {}({});\n",
            q(table.name()),
            q(col)
        ));
    }
    sql.push_str(VIEWS);
    sql
}

fn insert_sql(table: Table) -> String {
    let cols = table.columns();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        q(table.name()),
        cols.iter()
            .map(|c| q(c.name))
            .collect::<Vec<_>>()
            .join(", "),
        vec!["?"; cols.len()].join(", ")
    )
}

/// Writes documents into a SQLite file.
pub struct SqliteSink {
    conn: Connection,
    inserts: Vec<(Table, String)>,
    deletes: Vec<String>,
}

fn db_error(path: &Path, e: rusqlite::Error) -> ExportError {
    ExportError::Write(format!("{}: {e}", path.display()))
}

impl SqliteSink {
    /// Open (or create) the database, create the layout if missing, and begin
    /// the run's transaction.
    pub fn open(path: &Path) -> Result<Self, ExportError> {
        let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
        // One insert and one delete per table stay prepared for the whole run.
        conn.set_prepared_statement_cache_capacity(4 * Table::ALL.len());
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db_error(path, e))?;
        if version != 0 && version != LAYOUT_VERSION {
            return Err(ExportError::Write(format!(
                "{}: database layout version {version} is not {LAYOUT_VERSION}; export into a new file",
                path.display()
            )));
        }
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
        )
            .map_err(|e| db_error(path, e))?;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;\n{}PRAGMA user_version = {LAYOUT_VERSION};",
            schema_sql()
        ))
        .map_err(|e| db_error(path, e))?;
        let inserts = Table::ALL.iter().map(|&t| (t, insert_sql(t))).collect();
        // Items first, then the document (children before the parent).
        let deletes = Table::ALL
            .iter()
            .rev()
            .map(|t| format!("DELETE FROM {} WHERE doc_id = ?1", q(t.name())))
            .collect();
        Ok(SqliteSink {
            conn,
            inserts,
            deletes,
        })
    }

    fn write_rows(&self, rows: &DocRows) -> rusqlite::Result<()> {
        for sql in &self.deletes {
            self.conn.prepare_cached(sql)?.execute([&rows.doc_id])?;
        }
        for (table, sql) in &self.inserts {
            let mut stmt = self.conn.prepare_cached(sql)?;
            rows.for_each(*table, |cells| {
                stmt.execute(params_from_iter(cells.iter()))?;
                Ok::<(), rusqlite::Error>(())
            })?;
        }
        Ok(())
    }
}

impl TableSink for SqliteSink {
    /// Replace the document's rows: delete everything under its id, insert anew.
    fn write_document(&mut self, rows: &DocRows) -> Result<(), ExportError> {
        let err = |e: rusqlite::Error| {
            ExportError::Document(format!(
                "{}: cannot write to SQLite: {e}",
                rows.doc.source.path
            ))
        };
        self.conn.execute_batch("SAVEPOINT doc").map_err(err)?;
        match self.write_rows(rows) {
            Ok(()) => self.conn.execute_batch("RELEASE doc").map_err(err),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK TO doc; RELEASE doc");
                Err(err(e))
            }
        }
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        self.conn
            .execute_batch("COMMIT")
            .map_err(|e| ExportError::Write(format!("cannot commit: {e}")))?;
        self.conn
            .close()
            .map_err(|(_, e)| ExportError::Write(format!("cannot close the database: {e}")))
    }
}
