//! An S3 server in the test process: `s3s-fs` speaks S3's wire format over a temporary folder and checks
//! each request's signature, so the object document store is tested through its real client.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;

pub const BUCKET: &str = "njia-documents";
pub const ACCESS_KEY: &str = "njia-test-access";
pub const SECRET_KEY: &str = "njia-test-secret-key-not-a-real-one";

pub struct S3StandIn {
    pub endpoint: String,
    /// The folder that holds the bucket's objects.
    pub root: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl S3StandIn {
    pub async fn start(root: PathBuf) -> S3StandIn {
        std::fs::create_dir_all(root.join(BUCKET)).unwrap();
        let mut builder =
            s3s::service::S3ServiceBuilder::new(s3s_fs::FileSystem::new(&root).unwrap());
        builder.set_auth(s3s::auth::SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = builder.build();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let service = service.clone();
                tokio::spawn(async move {
                    let _ = ConnBuilder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(socket), service)
                        .await;
                });
            }
        });
        S3StandIn {
            endpoint,
            root,
            task,
        }
    }

    /// The objects in the bucket (s3s-fs keeps uploads in progress outside it).
    pub fn objects(&self) -> usize {
        super::files_under(&self.root.join(BUCKET))
    }
}

impl Drop for S3StandIn {
    fn drop(&mut self) {
        self.task.abort();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
