//! Wire protocols shared by device and host (placeholder: filled in by issue 3/4 work).
#![no_std]
