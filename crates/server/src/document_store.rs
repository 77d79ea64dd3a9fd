//! Where uploaded files live, each under a random name this server made, never inside the served SPA
//! folder. Two stores behind one interface: a folder inside the data folder (the default, no set-up), and an
//! S3-compatible object store (AWS S3, MinIO, Ceph, R2…) for servers that share their files, through the
//! Apache Arrow project's `object_store` crate.
//!
//! Either way a refused or half-received upload leaves nothing behind: the folder store writes to a
//! temporary name and renames only a complete, accepted file; the object store writes the object only when
//! the upload finishes (one PUT, or a multipart upload that is aborted when the upload is).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use tokio::io::AsyncWriteExt;

/// `--document-store`: where uploaded files go. The S3 settings use the names AWS tools use.
#[derive(Clone, Default, Args)]
pub struct DocumentStoreConfig {
    /// `files` (a folder in the data folder) or `s3://BUCKET[/PREFIX]` for an S3-compatible object store.
    #[arg(
        long = "document-store",
        env = "NJIA_DOCUMENT_STORE",
        default_value = "files"
    )]
    pub location: String,
    /// The object store's address, for S3-compatible stores other than AWS (e.g. `http://minio:9000`).
    #[arg(long = "s3-endpoint", env = "AWS_ENDPOINT_URL")]
    pub endpoint: Option<String>,
    #[arg(long = "s3-region", env = "AWS_REGION", default_value = "us-east-1")]
    pub region: String,
    #[arg(long = "s3-access-key-id", env = "AWS_ACCESS_KEY_ID")]
    pub access_key_id: Option<String>,
    #[arg(
        long = "s3-secret-access-key",
        env = "AWS_SECRET_ACCESS_KEY",
        hide_env_values = true
    )]
    pub secret_access_key: Option<String>,
}

/// Never prints the secret key (SECURITY.md: no secrets in logs).
impl std::fmt::Debug for DocumentStoreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentStoreConfig")
            .field("location", &self.location)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "…"),
            )
            .finish()
    }
}

#[derive(Debug, Clone)]
pub enum DocumentStore {
    Folder(PathBuf),
    Objects {
        store: Arc<dyn ObjectStore>,
        prefix: String,
    },
}

/// A stored name is a UUID this server made; anything else never reaches the disk or the bucket.
fn checked(stored_name: &str) -> Option<String> {
    Some(
        uuid::Uuid::parse_str(stored_name)
            .ok()?
            .simple()
            .to_string(),
    )
}

impl DocumentStore {
    /// The store the configuration names; an S3 store is built (not contacted) here, so a typo in its
    /// settings stops the server at start rather than failing a citizen's upload.
    pub fn from_config(
        config: &DocumentStoreConfig,
        data_dir: &Path,
    ) -> anyhow::Result<DocumentStore> {
        let location = config.location.trim();
        if location.is_empty() || location == "files" {
            return Ok(DocumentStore::Folder(data_dir.join("documents")));
        }
        let Some(rest) = location.strip_prefix("s3://") else {
            anyhow::bail!(
                "NJIA_DOCUMENT_STORE must be `files` or `s3://BUCKET[/PREFIX]`, not {location:?}"
            );
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        anyhow::ensure!(!bucket.is_empty(), "NJIA_DOCUMENT_STORE names no bucket");
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(&config.region);
        if let Some(endpoint) = config.endpoint.as_deref().filter(|e| !e.is_empty()) {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (&config.access_key_id, &config.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        Ok(DocumentStore::Objects {
            store: Arc::new(builder.build()?),
            prefix: prefix.trim_matches('/').to_string(),
        })
    }

    fn object_path(prefix: &str, name: &str) -> object_store::path::Path {
        if prefix.is_empty() {
            object_store::path::Path::from(format!("documents/{name}"))
        } else {
            object_store::path::Path::from(format!("{prefix}/documents/{name}"))
        }
    }

    fn file_path(root: &Path, name: &str) -> PathBuf {
        root.join(&name[..2]).join(name)
    }

    pub async fn begin(&self) -> std::io::Result<Upload> {
        let stored_name = uuid::Uuid::new_v4().to_string();
        let name = uuid::Uuid::parse_str(&stored_name)
            .map_err(std::io::Error::other)?
            .simple()
            .to_string();
        let sink = match self {
            DocumentStore::Folder(root) => {
                let temporary = root.join("incoming").join(format!("{name}.part"));
                tokio::fs::create_dir_all(temporary.parent().unwrap_or(root)).await?;
                let file = tokio::fs::File::create(&temporary).await?;
                Sink::File {
                    file,
                    temporary,
                    target: Self::file_path(root, &name),
                }
            }
            DocumentStore::Objects { store, prefix } => Sink::Object(Box::new(BufWriter::new(
                store.clone(),
                Self::object_path(prefix, &name),
            ))),
        };
        Ok(Upload { stored_name, sink })
    }

    pub async fn read(&self, stored_name: &str) -> std::io::Result<Vec<u8>> {
        let name =
            checked(stored_name).ok_or_else(|| std::io::Error::other("not a stored name"))?;
        match self {
            DocumentStore::Folder(root) => tokio::fs::read(Self::file_path(root, &name)).await,
            DocumentStore::Objects { store, prefix } => {
                let object = store
                    .get(&Self::object_path(prefix, &name))
                    .await
                    .map_err(std::io::Error::other)?;
                Ok(object
                    .bytes()
                    .await
                    .map_err(std::io::Error::other)?
                    .to_vec())
            }
        }
    }

    /// Removes a stored file; one already gone is not an error.
    pub async fn remove(&self, stored_name: &str) -> std::io::Result<()> {
        let Some(name) = checked(stored_name) else {
            return Ok(());
        };
        match self {
            DocumentStore::Folder(root) => {
                match tokio::fs::remove_file(Self::file_path(root, &name)).await {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                }
            }
            DocumentStore::Objects { store, prefix } => {
                match store.delete(&Self::object_path(prefix, &name)).await {
                    Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
                    Err(e) => Err(std::io::Error::other(e)),
                }
            }
        }
    }
}

enum Sink {
    File {
        file: tokio::fs::File,
        temporary: PathBuf,
        target: PathBuf,
    },
    /// Buffers up to its capacity, then switches to a multipart upload.
    Object(Box<BufWriter>),
}

/// A file being received.
pub struct Upload {
    pub stored_name: String,
    sink: Sink,
}

impl Upload {
    pub async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::File { file, .. } => file.write_all(bytes).await,
            Sink::Object(writer) => writer.write_all(bytes).await,
        }
    }

    /// Keeps the file: on disk under its final name, or in the bucket.
    pub async fn finish(self) -> std::io::Result<String> {
        match self.sink {
            Sink::File {
                mut file,
                temporary,
                target,
            } => {
                file.flush().await?;
                file.sync_all().await?;
                if let Some(parent) = target.parent() {
                    tokio::fs::create_dir_all(parent).await?;
                }
                tokio::fs::rename(&temporary, &target).await?;
            }
            Sink::Object(mut writer) => writer.shutdown().await?,
        }
        Ok(self.stored_name)
    }

    /// Throws the partial file away.
    pub async fn abandon(self) {
        match self.sink {
            Sink::File {
                file, temporary, ..
            } => {
                drop(file);
                let _ = tokio::fs::remove_file(&temporary).await;
            }
            Sink::Object(mut writer) => {
                let _ = writer.abort().await;
            }
        }
    }
}
