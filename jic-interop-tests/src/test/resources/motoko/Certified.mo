// mo:core CertifiedData: set in an update, the certificate is only available in (non-replicated) queries.
import CertifiedData "mo:core/CertifiedData";

persistent actor Certified {
  public func set(data : Blob) : async () { CertifiedData.set(data) };

  public query func certificate() : async ?Blob { CertifiedData.getCertificate() };

  public func certificateInUpdate() : async ?Blob { CertifiedData.getCertificate() };
};
