//! Every type the command table names, under the short name it uses there. The core's and the
//! shell's expansions of `with_commands!` both `use` this module, so an entry reads
//! `<name>: citizen, json => get() -> Profile` and means the same type on both sides.

pub use crate::applications::types::{
    ApplicationDetail, ApplicationRequest, ApplicationSummary, CancelApplication, Debt, DebtList, NewDebt,
    ServiceForm, ServiceRequest, ServiceSummary, StatusUpdate, SubmitApplication,
};
pub use crate::auth::{Authed, Caller};
pub use crate::closure::ClosedConfirmation;
pub use crate::closure::forced::types::{
    BlockRequest, BlockView, ClearViolation, ForcedCase, ForcedClosureRequest, ForcedOverview,
};
pub use crate::closure::types::{ClosureDecision, QueueItem, RestorationDecision};
pub use crate::closure::types::{
    ClosureStatus, ClosureSubmit, Prechecks, RestoreComplete, RestoreOutcome, RestoreStart,
};
pub use crate::connection::{ConnectionSetting, ConnectionView};
pub use crate::consents::{ConsentRequest, ConsentView};
pub use crate::contract::{
    Agreements, AppStatus, BackupCodes, CodeSent, ContactChangeConfirm, ContactChangeRequest,
    DisableSecondFactorRequest, EndSessionRequest, FactorCodeRequest, JournalRequest, PageRequest,
    PasswordChangeRequest, PhoneConfirmed, Profile, ProfileHistoryPage, ProfileUpdate, ReauthRequest,
    RecoveryCompleteRequest, RecoveryReadiness, RecoverySent, RecoveryStartRequest, RecoveryTicket,
    RecoveryVerifyRequest, Registered, RegistrationDraft, SecondFactorRequest, SecuritySettings,
    SendCodeRequest, SessionInfo, SessionView, SignInOutcome, SignInRequest, TotpConfirmRequest, TotpSetup,
    VerifyCodeRequest,
};
pub use crate::debts::RawClaim;
pub use crate::documents::{
    DocumentOffer, MyDocument, PrintJob, PrintOutcome, RawFile, Verification, ViewerCopy,
};
pub use crate::export::ExportOffer;
pub use crate::export::types::{DataExportRequest, ExportDone, ExportProgress};
pub use crate::i18n::Locale;
pub use crate::journal::JournalPage;
pub use crate::notifications::types::{
    DesktopToast, HistoryQuery, InboxItem, InboxPage, InboxQuery, MarkReadRequest, MessageHistoryPage,
    MessageRequest, NotificationSettings, NotificationSettingsView, TransportSettingsView,
    TransportTestRequest, TransportTestResult, TransportUpdate, UnreadCount,
};
pub use crate::staff::StaffAuthed;
pub use crate::staff::desk::{
    CitizenDocument, CitizenDocumentOffer, CitizenPage, CitizenRef, IdentityCheck, IdentityCodeRequest,
    IssueDocument, ReceiptDecision,
};
pub use crate::staff::find::{CitizenCard, FindCitizen};
pub use crate::staff::printing::{BatchProgress, DayBatch, DayBatchRequest, DayOffer};
pub use crate::staff::queue::{Incident, IncidentResolution, StaffNotices};
pub use crate::staff::types::{
    AuditCheck, AuditPage, AuditQuery, AuditVerification, NewStaff, StaffCreated, StaffInfo, StaffLogin,
};
pub use crate::staff::types::{StaffSignInRequest, StaffView};
pub use crate::uploads::types::{RawUpload, UploadContent, UploadId, UploadInfo};
